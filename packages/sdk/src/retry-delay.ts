// How long to wait before the next attempt. Full jitter (a uniform draw below the exponential
// ceiling) keeps many clients that failed together from retrying together.

/**
 * Full-jitter exponential backoff: uniform in [0, min(capMs, baseMs · 2^retryIndex)).
 * `retryIndex` is 0 before the first retry.
 */
export function backoffDelayMs(
  retryIndex: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header value in milliseconds: delay-seconds (`"3"`) or an HTTP-date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`). Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the IMF-fixdate form: Date.parse reads bare numbers like "1.5" as calendar dates.
  if (!/GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
