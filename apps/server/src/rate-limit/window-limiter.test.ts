import { describe, expect, it } from 'vitest';
import { type HitStore, type WindowHits, WindowLimiter } from './window-limiter.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');

function clockAt(ms: number): { now: number; read: () => number } {
  const clock = { now: ms, read: () => clock.now };
  return clock;
}

/** A store that fails while `down` is set, else remembers the hits it was sent. */
function flakyStore(): HitStore & { down: boolean; sent: WindowHits[][] } {
  const store = {
    down: false,
    sent: [] as WindowHits[][],
    add(rows: readonly WindowHits[]): Promise<WindowHits[]> {
      if (store.down) return Promise.reject(new Error('database unavailable'));
      store.sent.push([...rows]);
      return Promise.resolve([...rows]);
    },
    deleteBefore: () => Promise.resolve(),
  };
  return store;
}

describe('WindowLimiter', () => {
  it('admits `limit` requests per window, then refuses until the window ends', () => {
    const clock = clockAt(T0 + 45_500);
    const limiter = new WindowLimiter({ now: clock.read });
    const seen = Array.from({ length: 4 }, () => limiter.take('k:a', 3));
    expect(seen.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(seen[3]).toMatchObject({ limit: 3, windowSeconds: 60, resetSeconds: 15 });
    // Another bucket has its own count.
    expect(limiter.take('k:b', 3).allowed).toBe(true);
    clock.now = T0 + 60_000;
    expect(limiter.take('k:a', 3)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('does not count refused requests', () => {
    const limiter = new WindowLimiter({ now: () => T0 });
    for (let i = 0; i < 10; i++) limiter.take('a:x', 1);
    expect(limiter.take('a:x', 2)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('forgets finished windows and keeps at most maxBuckets buckets', () => {
    const clock = clockAt(T0);
    const limiter = new WindowLimiter({ now: clock.read, maxBuckets: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`a:10.0.${i >> 8}.${i & 255}`, 5);
    expect(limiter.bucketCount).toBe(100);
    clock.now += 60_000;
    limiter.take('a:one', 5);
    expect(limiter.bucketCount).toBe(1);
  });

  it('sends its hits in one batch per sync, sorted, and keeps them when the store fails', async () => {
    const store = flakyStore();
    const limiter = new WindowLimiter({ now: () => T0, store, syncIntervalMs: 60_000 });
    for (const b of ['k:b', 'k:a', 'k:b']) limiter.take(b, 10);
    store.down = true;
    await expect(limiter.sync()).rejects.toThrow('database unavailable');
    store.down = false;
    limiter.take('k:a', 10);
    await limiter.sync();
    expect(store.sent).toEqual([
      [
        { bucket: 'k:a', windowStart: T0, hits: 2 },
        { bucket: 'k:b', windowStart: T0, hits: 2 },
      ],
    ]);
    await limiter.sync();
    expect(store.sent).toHaveLength(1);
    limiter.close();
  });

  it('counts the totals the store answers: hits of other processes', async () => {
    const others = 7;
    const store: HitStore = {
      add: (rows) => Promise.resolve(rows.map((r) => ({ ...r, hits: r.hits + others }))),
      deleteBefore: () => Promise.resolve(),
    };
    const limiter = new WindowLimiter({ now: () => T0, store, syncIntervalMs: 60_000 });
    expect(limiter.take('k:a', 10)).toMatchObject({ allowed: true, remaining: 9 });
    await limiter.sync();
    expect(limiter.take('k:a', 10)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take('k:a', 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('k:a', 10).allowed).toBe(false);
    limiter.close();
  });

  it('syncs by itself shortly after a hit', async () => {
    const store = flakyStore();
    const limiter = new WindowLimiter({ store, syncIntervalMs: 20 });
    limiter.take('k:a', 10);
    await new Promise((r) => setTimeout(r, 100));
    expect(store.sent.flat().map((r) => r.hits)).toEqual([1]);
    limiter.close();
  });
});
