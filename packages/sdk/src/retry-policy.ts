// Whether a failed attempt is tried again, and after how long. One pure function, so the
// transport's loop stays a loop and every rule has a unit test.
import { backoffDelayMs, parseRetryAfterMs } from './retry-delay.js';

export interface AttemptResult {
  /** The response status; undefined when no response arrived (network error, timeout). */
  status: number | undefined;
  /** The response's `Retry-After` header, if any. */
  retryAfter: string | null;
}

export interface RetryBudget {
  /** May this request be repeated after an outcome that is unknown (see isRetrySafe)? */
  mayRepeat: boolean;
  /** 0 before the first retry. */
  retryIndex: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

/**
 * The pause before the next attempt in ms, or undefined to stop and hand the outcome over.
 *
 * - 503, network error, timeout: the request may or may not have been carried out, so it is
 *   repeated only when `mayRepeat`. A 503's `Retry-After` replaces the backoff, capped at
 *   `retryMaxDelayMs` (the server's hint is short; a long one is not worth waiting for here).
 * - 429: the server refused the request before doing anything, so every call may repeat it, but
 *   never sooner than `Retry-After` says: when that is longer than `retryMaxDelayMs` the call
 *   stops and the error carries `retryAfterMs` for the caller to schedule.
 * - Anything else, 504 included (a query that ran out of time will run out again), is final.
 */
export function pauseBeforeRetry(
  result: AttemptResult,
  budget: RetryBudget,
  nowMs: number = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  if (budget.retryIndex >= budget.retries) return undefined;
  const backoff = () => backoffDelayMs(budget.retryIndex, budget.retryBaseDelayMs, budget.retryMaxDelayMs, random);
  const retryAfterMs = parseRetryAfterMs(result.retryAfter, nowMs);
  if (result.status === 429) {
    if (retryAfterMs === undefined) return backoff();
    return retryAfterMs <= budget.retryMaxDelayMs ? retryAfterMs : undefined;
  }
  if (result.status !== undefined && result.status !== 503) return undefined;
  if (!budget.mayRepeat) return undefined;
  return retryAfterMs === undefined ? backoff() : Math.min(retryAfterMs, budget.retryMaxDelayMs);
}
