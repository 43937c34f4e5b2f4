// The rate limiter counts in one-minute windows aligned on the real clock (window-limiter.ts): a
// test that counts requests against a limit must make them all inside one window, or the count
// starts again halfway and the test fails for a reason that has nothing to do with the limiter.
import { setTimeout as sleep } from 'node:timers/promises';

const WINDOW_MS = 60_000;

/** Waits for the next window when fewer than `neededMs` of the current one are left. */
export async function withinOneRateWindow(neededMs: number): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < neededMs) await sleep(left + 100);
}
