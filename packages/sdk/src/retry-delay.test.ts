import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from './retry-delay.js';

describe('backoffDelayMs', () => {
  it('draws below base·2^n (full jitter)', () => {
    expect(backoffDelayMs(0, 100, 2000, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, 100, 2000, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, 100, 2000, () => 0)).toBe(0);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelayMs(10, 100, 2000, () => 0.999)).toBe(1998);
  });

  it('stays within [0, ceiling) with the real random source', () => {
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelayMs(1, 100, 2000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(200);
    }
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2024-03-10T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfterMs('Sun, 10 Mar 2024 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Sun, 10 Mar 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('1.5', now)).toBeUndefined();
    expect(parseRetryAfterMs('-1', now)).toBeUndefined();
  });
});
