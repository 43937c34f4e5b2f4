// Small readers for stats responses: bucket starts as instants (a UTC timestamp may be written
// `…Z` or `…+00:00`, so compare instants, not text), bucket counts, and a zero-offset check.
import type { FeedbackStatsRes } from '@feedback/api-types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Epoch ms of each bucket's `timestamp`, in response order. */
export function bucketStarts(res: FeedbackStatsRes): number[] {
  return (res.buckets ?? []).map((b) => Date.parse(b.timestamp));
}

/** Each bucket's `count`, in response order. */
export function bucketCounts(res: FeedbackStatsRes): number[] {
  return (res.buckets ?? []).map((b) => b.count);
}

/** Whether a timestamp is written with a zero UTC offset. */
export function isUtcText(timestamp: string): boolean {
  return /(Z|\+00:00)$/.test(timestamp);
}
