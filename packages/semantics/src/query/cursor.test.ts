import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { resolveSort } from './sort.js';

describe('cursor', () => {
  const sort = resolveSort([{ field: 'payload.note', direction: 'desc' }]);
  const keys = [true, false, 0, true, 'héllo 😀', false, false, 'id-1'];

  it('round-trips the keys of its sort, in URL-safe base64 without padding', () => {
    const cursor = encodeCursor(sort, keys);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sort, cursor)).toEqual(keys);
  });

  it('refuses a cursor of another sort, a foreign string, and keys of the wrong type', () => {
    const cursor = encodeCursor(sort, keys);
    expect(() => decodeCursor(resolveSort(undefined), cursor)).toThrow(/another sort_by/);
    expect(() => decodeCursor(sort, 'not a cursor!')).toThrow(ApiError);
    expect(() => decodeCursor(sort, encodeCursor(sort, [...keys.slice(0, -1), 5]))).toThrow(/Invalid cursor/);
    expect(() => decodeCursor(resolveSort(undefined), encodeCursor(resolveSort(undefined), [1.5, 'a']))).toThrow(/Invalid cursor/);
    expect(() => decodeCursor(resolveSort(undefined), encodeCursor(resolveSort(undefined), [1, 'a\u0000']))).toThrow(/Invalid cursor/);
  });
});
