import { describe, expect, it } from 'vitest';
import { interpolate, percentileCont, widePercentile } from './percentile.js';

describe('percentileCont', () => {
  it('is null without values', () => {
    expect(percentileCont([], 50)).toBeNull();
  });

  it('returns the single value for every p when n = 1', () => {
    for (const p of [0, 12.5, 50, 100]) expect(percentileCont([7], p)).toBe(7);
  });

  it('takes the ends at p = 0 and p = 100', () => {
    expect(percentileCont([1, 2, 3, 10], 0)).toBe(1);
    expect(percentileCont([1, 2, 3, 10], 100)).toBe(10);
  });

  it('interpolates linearly between neighbours (hand-computed)', () => {
    // n = 4: p50 → pos 1.5 → 2 + 0.5·(3−2) = 2.5
    expect(percentileCont([1, 2, 3, 10], 50)).toBe(2.5);
    // p90 → pos 0.9·3 = 2.7 → 3 + 0.7·7 = 7.9 (in doubles: 2.7 − 2 = 0.7000000000000002)
    expect(percentileCont([1, 2, 3, 10], 90)).toBe(3 + (0.9 * 3 - 2) * 7);
    expect(percentileCont([1, 2, 3, 10], 90)).toBeCloseTo(7.9, 12);
    // n = 5: p25 → pos 1 exactly → the 2nd value, no interpolation
    expect(percentileCont([10, 20, 30, 40, 50], 25)).toBe(20);
    // p95 over 0..10 (n = 11): pos 9.5 → 9.5
    expect(percentileCont([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(9.5);
  });

  it('supports fractional percentiles', () => {
    // p99.5 of [0, 100]: pos 0.995 → 99.5 (0.995·100 in doubles)
    expect(percentileCont([0, 100], 99.5)).toBe((99.5 / 100) * 100);
    expect(percentileCont([0, 100], 99.5)).toBeCloseTo(99.5, 12);
  });

  it('handles repeated and negative values', () => {
    expect(percentileCont([-4, -4, 2], 50)).toBe(-4);
    expect(percentileCont([-4, 2], 50)).toBe(-1);
    expect(percentileCont([0, 1], 30)).toBe(0.3);
  });

  it('gives a finite answer where hi − lo overflows (never null or Infinity)', () => {
    const max = Number.MAX_VALUE;
    expect(percentileCont([-max, max], 50)).toBe(0);
    expect(percentileCont([-max, max], 0)).toBe(-max);
    expect(percentileCont([-max, max], 100)).toBe(max);
    // the direct formula overflows here: -max + 0.75·Infinity
    expect(interpolate(-max, max, 0.75)).toBe(Infinity);
    // 2·(−max/2 + 0.75·max): max/2 within one rounding of 0.75·max
    expect(percentileCont([-max, max], 75)).toBe(2 * (-max / 2 + 0.75 * max));
    expect(percentileCont([-max, max], 75)! / (max / 2)).toBeCloseTo(1, 15);
    expect(percentileCont([-max, 0, max], 75)).toBe(max / 2);
    expect(percentileCont([-1e308, 1e308], 25)! / -5e307).toBeCloseTo(1, 15);
  });

  it('keeps the direct arithmetic wherever it stays finite', () => {
    expect(percentileCont([-1e308, 1e307], 30)).toBe(interpolate(-1e308, 1e307, 0.3));
    expect(percentileCont([5e-324, 1e-323], 50)).toBe(interpolate(5e-324, 1e-323, 0.5));
    expect(percentileCont([5e-324], 50)).toBe(5e-324);
  });

  it('doubles a halved result within the float range', () => {
    expect(widePercentile(1.5)).toBe(3);
    expect(widePercentile(Number.MAX_VALUE)).toBe(Number.MAX_VALUE);
    expect(widePercentile(-Number.MAX_VALUE)).toBe(-Number.MAX_VALUE);
  });

  it('refuses p outside [0, 100]', () => {
    expect(() => percentileCont([1], -1)).toThrow(RangeError);
    expect(() => percentileCont([1], 100.5)).toThrow(RangeError);
    expect(() => percentileCont([1], Number.NaN)).toThrow(RangeError);
  });
});
