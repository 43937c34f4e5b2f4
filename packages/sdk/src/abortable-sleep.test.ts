import { describe, expect, it } from 'vitest';
import { sleep } from './abortable-sleep.js';

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = performance.now();
    await sleep(30, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = sleep(5_000, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 10);
    await expect(pending).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once when already aborted', async () => {
    await expect(sleep(5_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });
});
