import { describe, expect, it } from 'vitest';
import { createTurnLock } from './turn-lock.js';

describe('turn lock', () => {
  it('grants turns one at a time, in the order they were asked for', async () => {
    const lock = createTurnLock();
    const order: string[] = [];
    const first = await lock.acquire();
    const later = ['b', 'c'].map((name) =>
      lock.acquire().then((release) => {
        order.push(name);
        release();
      }),
    );
    order.push('a');
    first();
    await Promise.all(later);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('refuses a caller that waited too long, and skips it when the turn comes', async () => {
    const lock = createTurnLock();
    const held = await lock.acquire();
    const impatient = lock.acquire(10, () => new Error('busy'));
    const patient = lock.acquire();
    await expect(impatient).rejects.toThrow('busy');
    held();
    const release = await patient;
    let granted = 0;
    const next = [lock.acquire(), lock.acquire()].map((p) => p.then(() => granted++));
    release();
    release();
    await next[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Releasing twice frees one turn, not two.
    expect(granted).toBe(1);
  });
});
