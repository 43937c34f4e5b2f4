import { describe, expect, it } from 'vitest';
import { basicAuthorization } from './basic-auth.js';

// Node's Buffer is an independent base64 implementation to check against.
const expected = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('basicAuthorization', () => {
  it('encodes user:password as base64', () => {
    expect(basicAuthorization('api', 'secret-key')).toBe('Basic YXBpOnNlY3JldC1rZXk=');
  });

  it('encodes non-ASCII keys as UTF-8 instead of throwing like bare btoa', () => {
    expect(basicAuthorization('api', 'ключ-🔑-é')).toBe(expected('api:ключ-🔑-é'));
  });

  it('keeps colons inside the password', () => {
    expect(basicAuthorization('api', 'a:b')).toBe(expected('api:a:b'));
  });
});
