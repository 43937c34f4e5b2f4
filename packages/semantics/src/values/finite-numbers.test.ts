import { describe, expect, it } from 'vitest';
import { isApiError } from '../errors.js';
import { assertFiniteNumbers } from './finite-numbers.js';

function reasonOf(value: unknown, loc: readonly string[] = []): string {
  try {
    assertFiniteNumbers(value, loc);
  } catch (err) {
    if (isApiError(err) && err.code === 'invalid_request') return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('assertFiniteNumbers', () => {
  it('accepts the whole float range, underflowed zeros and non-numbers', () => {
    expect(() =>
      assertFiniteNumbers({ a: 1.7976931348623157e308, b: -1.7976931348623157e308, c: JSON.parse('1e-400') as number, d: 5e-324, e: [null, 'x', true, { f: -0 }] }),
    ).not.toThrow();
  });

  it('refuses what JSON.parse made of an overflowing number, naming its path', () => {
    const body = JSON.parse('{"payload": {"ok": 1, "items": [0, {"a b": 1e400}]}}') as unknown;
    expect(reasonOf(body)).toBe(
      'Number out of range at payload.items[1]["a b"]: JSON numbers must fit a 64-bit float (at most about ±1.8e308).',
    );
  });

  it('names the first one in document order, negative overflow and NaN included', () => {
    expect(reasonOf({ x: [1, -Infinity], y: Infinity })).toMatch(/^Number out of range at x\[1\]:/);
    expect(reasonOf({ y: NaN })).toMatch(/^Number out of range at y:/);
  });

  it('reads a bare value at its given location, or as the request body', () => {
    expect(reasonOf(Infinity, ['payload'])).toMatch(/^Number out of range at payload:/);
    expect(reasonOf(Infinity)).toMatch(/^Number out of range at the request body:/);
  });

  it('walks very deep values without overflowing the stack', () => {
    let deep: unknown = Infinity;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(reasonOf(deep)).toMatch(/^Number out of range at \[0\]/);
  });
});
