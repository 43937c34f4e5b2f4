import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertProjectGranted, requestIdFor } from './access.js';

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

describe('assertProjectGranted', () => {
  it('passes when a pattern covers the project and answers 403 otherwise', () => {
    expect(() => assertProjectGranted(['acme/*'], 'acme/bot')).not.toThrow();
    let err: unknown;
    try {
      assertProjectGranted(['acme/*', 'other/proj'], 'evil/bot');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(403);
    expect((err as ApiError).toBody()).toEqual({ reason: 'This key does not grant access to project evil/bot', error_type: 'Forbidden' });
  });
});
