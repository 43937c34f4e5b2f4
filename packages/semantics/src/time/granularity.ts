// Bucket size of /feedback/stats: picked from the range when not given, then coarsened so that
// a response never carries more than MAX_BUCKETS buckets.
import { validationError } from '../errors.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND } from './civil-date.js';

export const MAX_BUCKETS = 10_000;

// Inclusive upper bounds of the range (ms) → granularity (s); longer ranges get a day.
const AUTO_STEPS: readonly (readonly [maxRangeMs: number, granularity: number])[] = [
  [2 * MS_PER_HOUR, 300],
  [12 * MS_PER_HOUR, 3600],
  [3 * MS_PER_DAY, 21_600],
  [14 * MS_PER_DAY, 43_200],
];
const AUTO_LONGEST = 86_400;

/** ≤ 2 h → 300; ≤ 12 h → 3600; ≤ 3 d → 21600; ≤ 14 d → 43200; else 86400 (seconds). */
export function autoGranularity(rangeMs: number): number {
  for (const [maxRangeMs, granularity] of AUTO_STEPS) {
    if (rangeMs <= maxRangeMs) return granularity;
  }
  return AUTO_LONGEST;
}

/**
 * The granularity (seconds) a stats request gets: null/undefined/0 → auto; then, when
 * `range_seconds / g > MAX_BUCKETS`, `max(g, floor(range_seconds / MAX_BUCKETS) + 1)`.
 * Negative or fractional → 422 on `granularity`.
 */
export function resolveGranularity(requested: number | null | undefined, rangeMs: number): number {
  if (requested !== null && requested !== undefined) {
    if (!Number.isSafeInteger(requested)) {
      throw validationError(['granularity'], 'Input should be a valid integer', 'int_type');
    }
    if (requested < 0) {
      throw validationError(['granularity'], 'Input should be greater than or equal to 0', 'greater_than_equal');
    }
  }
  const granularity = requested === null || requested === undefined || requested === 0 ? autoGranularity(rangeMs) : requested;
  // range_seconds / g > MAX_BUCKETS, kept in integers: rangeMs > g · 1000 · MAX_BUCKETS.
  const msPerCap = MS_PER_SECOND * MAX_BUCKETS;
  if (rangeMs > granularity * msPerCap) {
    return Math.max(granularity, Math.floor(rangeMs / msPerCap) + 1);
  }
  return granularity;
}
