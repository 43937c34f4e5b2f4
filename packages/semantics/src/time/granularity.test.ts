import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { autoGranularity, MAX_BUCKETS, resolveGranularity } from './granularity.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('autoGranularity', () => {
  it.each([
    [0, 300],
    [2 * HOUR, 300],
    [2 * HOUR + 1, 3600],
    [12 * HOUR, 3600],
    [12 * HOUR + 1, 21_600],
    [3 * DAY, 21_600],
    [3 * DAY + 1, 43_200],
    [14 * DAY, 43_200],
    [14 * DAY + 1, 86_400],
    [31 * DAY, 86_400],
  ])('range %i ms → %i s', (rangeMs, expected) => {
    expect(autoGranularity(rangeMs)).toBe(expected);
  });
});

function validationDetail(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, detail: err.detail };
    throw err;
  }
  throw new Error('no error thrown');
}

describe('resolveGranularity', () => {
  it('picks automatically for null, undefined and 0', () => {
    expect(resolveGranularity(null, 2 * HOUR + 1)).toBe(3600);
    expect(resolveGranularity(undefined, 14 * DAY)).toBe(43_200);
    expect(resolveGranularity(0, 31 * DAY)).toBe(86_400);
  });

  it('keeps a requested granularity that fits in 10,000 buckets', () => {
    expect(resolveGranularity(60, 6 * DAY)).toBe(60); // 518,400 s / 60 = 8,640 buckets
    expect(resolveGranularity(3600, 31 * DAY)).toBe(3600);
  });

  it('caps at 10,000 buckets: g = max(g, floor(range_s / 10000) + 1)', () => {
    expect(MAX_BUCKETS).toBe(10_000);
    // 31 days = 2,678,400 s; at 60 s that is 44,640 buckets; floor(267.84) + 1 = 268.
    expect(resolveGranularity(60, 31 * DAY)).toBe(268);
    // 268 s gives 9,994.03 buckets: allowed as is. 267 s gives 10,031.5: raised to 268.
    expect(resolveGranularity(268, 31 * DAY)).toBe(268);
    expect(resolveGranularity(267, 31 * DAY)).toBe(268);
    // 7 days = 604,800 s; at 60 s that is 10,080 buckets; floor(60.48) + 1 = 61.
    expect(resolveGranularity(60, 7 * DAY)).toBe(61);
    // Exactly 10,000 buckets is allowed; one millisecond more is not.
    expect(resolveGranularity(1, 10_000_000)).toBe(1);
    expect(resolveGranularity(1, 10_000_001)).toBe(2);
    expect(resolveGranularity(300, 3_000_000_000)).toBe(300);
    expect(resolveGranularity(300, 3_000_000_001)).toBe(301);
  });

  it('never needs to cap an automatic choice', () => {
    for (const rangeMs of [0, 2 * HOUR, 12 * HOUR, 3 * DAY, 14 * DAY, 31 * DAY]) {
      expect(resolveGranularity(0, rangeMs)).toBe(autoGranularity(rangeMs));
    }
  });

  it('refuses a negative or fractional granularity with a 422 on granularity', () => {
    expect(validationDetail(() => resolveGranularity(-1, HOUR))).toEqual({
      status: 422,
      detail: [{ loc: ['body', 'granularity'], msg: 'Input should be greater than or equal to 0', type: 'greater_than_equal' }],
    });
    expect(validationDetail(() => resolveGranularity(1.5, HOUR))).toMatchObject({
      status: 422,
      detail: [{ loc: ['body', 'granularity'], type: 'int_type' }],
    });
    expect(validationDetail(() => resolveGranularity(Number.NaN, HOUR))).toMatchObject({ status: 422 });
  });
});
