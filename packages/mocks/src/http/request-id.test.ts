import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.js';

describe('requestIdFor', () => {
  it('echoes a well-formed id', () => {
    expect(requestIdFor('abc.DEF_1:2-3')).toBe('abc.DEF_1:2-3');
    expect(requestIdFor('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('replaces a missing, empty, too long or unsafe id with a fresh UUID', () => {
    for (const incoming of [null, '', 'x'.repeat(129), 'a b', 'a/b', 'é']) {
      const id = requestIdFor(incoming);
      expect(id, String(incoming)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
