import { describe, expect, it } from 'vitest';
import { decodeBase64Lenient } from './base64.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('decodeBase64Lenient', () => {
  it('decodes padded and unpadded text', () => {
    expect(text(decodeBase64Lenient('YXBpOmtleQ=='))).toBe('api:key');
    expect(text(decodeBase64Lenient('YXBpOmtleQ'))).toBe('api:key');
  });

  it('stops at the first "=", as Buffer does', () => {
    expect(text(decodeBase64Lenient('YQ==YWJj'))).toBe('a');
  });

  it('agrees with Buffer.from(…, "base64") on the characters a Basic header may carry', () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const s = Array.from({ length: Math.floor(next() * 14) }, () => chars[Math.floor(next() * chars.length)]).join('');
      expect(Buffer.from(decodeBase64Lenient(s)).toString('hex'), s).toBe(Buffer.from(s, 'base64').toString('hex'));
    }
  });
});
