// What createFeedbackClient accepts, its defaults, and the checks that turn a bad option into
// an immediate TypeError/RangeError instead of odd behaviour on the first call.
import type { FetchFunction } from './timed-attempt.js';

export interface FeedbackClientOptions {
  /** Root URL of the API, e.g. `https://feedback.example.com`; a path prefix is kept. */
  baseUrl: string;
  /** API key, sent as the password of HTTP Basic auth with username `api`. */
  apiKey: string;
  /**
   * The fetch to send each attempt with. Default: `(request) => globalThis.fetch(request)`,
   * looked up at call time, so a client created before MSW's `listen()` still hits the mocks.
   */
  fetch?: FetchFunction;
  /** Deadline of each attempt, body included, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Attempts after the first one, for calls that may be repeated. Default 2. */
  retries?: number;
  /** Backoff base in ms: before retry n the pause is uniform in [0, min(max, base·2^n)). Default 100. */
  retryBaseDelayMs?: number;
  /** Longest pause between attempts in ms, also capping `Retry-After`. Default 2 000. */
  retryMaxDelayMs?: number;
  /** Extra headers on every request. `Authorization` always comes from `apiKey`. */
  headers?: Readonly<Record<string, string>>;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: FetchFunction;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  headers: Readonly<Record<string, string>>;
}

export const clientDefaults = {
  timeoutMs: 10_000,
  retries: 2,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
} as const;

// setTimeout fires at once for delays above 2^31 − 1 ms instead of waiting.
const MAX_TIMER_MS = 2_147_483_647;

export function resolveClientOptions(options: FeedbackClientOptions): ResolvedClientOptions {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new TypeError('createFeedbackClient: baseUrl must be a non-empty URL');
  }
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError('createFeedbackClient: apiKey must be a non-empty string');
  }
  const resolved: ResolvedClientOptions = {
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs: options.timeoutMs ?? clientDefaults.timeoutMs,
    retries: options.retries ?? clientDefaults.retries,
    retryBaseDelayMs: options.retryBaseDelayMs ?? clientDefaults.retryBaseDelayMs,
    retryMaxDelayMs: options.retryMaxDelayMs ?? clientDefaults.retryMaxDelayMs,
    headers: options.headers ?? {},
  };
  requireInRange('timeoutMs', resolved.timeoutMs, 1);
  requireInRange('retryBaseDelayMs', resolved.retryBaseDelayMs, 0);
  requireInRange('retryMaxDelayMs', resolved.retryMaxDelayMs, 0);
  if (!Number.isInteger(resolved.retries) || resolved.retries < 0) {
    throw new RangeError(`createFeedbackClient: retries must be a whole number ≥ 0, got ${resolved.retries}`);
  }
  return resolved;
}

function requireInRange(name: string, value: number, min: number): void {
  if (!Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    throw new RangeError(`createFeedbackClient: ${name} must be between ${min} and ${MAX_TIMER_MS} ms, got ${value}`);
  }
}
