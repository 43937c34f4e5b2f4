import { describe, expect, it } from 'vitest';
import { createRestartBackoff } from './restart-backoff.js';

describe('createRestartBackoff', () => {
  const options = { initialMs: 500, maxMs: 30_000, stableAfterMs: 60_000 };

  it('doubles the pause for each quick crash, up to the cap', () => {
    const b = createRestartBackoff(options);
    expect(Array.from({ length: 9 }, () => b.next(100))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('replaces at once a worker that had been up for a while, and starts the streak again', () => {
    const b = createRestartBackoff(options);
    b.next(10);
    b.next(10);
    expect(b.next(60_000)).toBe(0);
    expect(b.next(10)).toBe(500);
  });

  it('never overflows, however long the crash loop', () => {
    const b = createRestartBackoff(options);
    let last = 0;
    for (let i = 0; i < 10_000; i++) last = b.next(0);
    expect(last).toBe(30_000);
  });
});
