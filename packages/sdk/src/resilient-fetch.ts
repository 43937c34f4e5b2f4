// The fetch that openapi-fetch calls: adds a request id, a per-attempt timeout and retries with
// backoff. Sitting under openapi-fetch (not around it) gives the raw client the same behaviour
// as the throwing helpers.
import { sleep } from './abortable-sleep.js';
import { pauseBeforeRetry } from './retry-policy.js';
import { isRetrySafe } from './retry-safety.js';
import { newRequestId } from './request-id.js';
import { timedAttempt } from './timed-attempt.js';
import type { FetchFunction } from './timed-attempt.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

export interface ResilienceSettings {
  /** The underlying fetch, called once per attempt with a fresh Request. */
  fetch: FetchFunction;
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  retryBaseDelayMs: number;
  /** Upper bound of every pause, including one asked for by `Retry-After`. */
  retryMaxDelayMs: number;
}

/**
 * Wraps `settings.fetch`. Every attempt is a new Request with the same bytes, headers and
 * `X-Request-Id` (the caller's, else one generated per call, so the server log groups the
 * attempts of one call). `pauseBeforeRetry` decides which outcomes are tried again (503, network
 * failures and timeouts when `isRetrySafe` allows it; 429 within the budget); any other
 * response is returned as is.
 */
export function createResilientFetch(settings: ResilienceSettings): FetchFunction {
  return async function resilientFetch(request: Request): Promise<Response> {
    // A Request body is a one-shot stream: keep the bytes and the untouched original as the
    // template for each attempt.
    const body = request.body === null ? null : await request.clone().arrayBuffer();
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? newRequestId();
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    const mayRepeat = isRetrySafe(new URL(request.url).pathname, body);
    const attemptSettings = { timeoutMs: settings.timeoutMs, callerSignal: request.signal, requestId };

    for (let retryIndex = 0; ; retryIndex += 1) {
      const outcome = await timedAttempt(
        settings.fetch,
        (signal) => new Request(request, { body, headers, signal }),
        attemptSettings,
      );
      const pauseMs = pauseBeforeRetry(
        { status: outcome.response?.status, retryAfter: outcome.response?.headers.get('Retry-After') ?? null },
        { mayRepeat, retryIndex, ...settings },
      );
      if (pauseMs === undefined) {
        if (outcome.failure !== undefined) throw outcome.failure;
        return outcome.response;
      }
      await sleep(pauseMs, request.signal);
    }
  };
}
