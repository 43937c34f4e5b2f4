// Builds the /feedback/aggregate response body from the checked request and the groups an engine
// counted. The server (groups from SQL) and the in-memory fake (groups from JS) both call this,
// so the answer's size limit, the bucket shape and the one-row bare total are written once.
import type { FeedbackAggregateBucket, FeedbackAggregateRes } from '@feedback/api-types';
import { assertAggregateAnswerRows } from '../limits/answer-size.js';
import type { CheckedAggregateRequest } from './aggregate.js';

/** One (time bucket, group) an engine counted. */
export interface AggregateGroupCounts {
  /** Start of the time bucket, epoch ms; not read when the request is unbucketed. */
  bucketMs: number | null;
  /** The group_by values, in the checked request's groupBy order. */
  groups: readonly string[];
  totalCount: number;
  scoredCount: number;
  /** Keys in code-point order, as the answer lists them; `null` = none. */
  tagCounts: Record<string, number> | null;
  ratingCounts: Record<string, number> | null;
  ratingSums: Record<string, number> | null;
}

/**
 * The answer for `checked` from its non-empty groups, given in answer order (bucket, then each
 * group_by value). More than MAX_AGGREGATE_ROWS groups is a 400 (an engine may stop counting at
 * one past the limit). A bare total (no buckets, no group_by) is exactly one row, even when
 * nothing matched.
 */
export function assembleAggregateResponse(
  checked: Pick<CheckedAggregateRequest, 'afterMs' | 'beforeMs' | 'timeBucketSeconds' | 'groupBy'>,
  groups: readonly AggregateGroupCounts[],
): FeedbackAggregateRes {
  assertAggregateAnswerRows(groups.length);
  const bucketed = checked.timeBucketSeconds !== null;
  // Object.fromEntries and the engines' maps define own properties: a tag named "__proto__" stays a key.
  const buckets = groups.map((g): FeedbackAggregateBucket => ({
    time_bucket_start_ms: bucketed ? g.bucketMs : null,
    group: Object.fromEntries(checked.groupBy.map((d, i) => [d, g.groups[i] ?? ''])),
    total_count: g.totalCount,
    scored_count: g.scoredCount,
    tag_counts: g.tagCounts ?? {},
    rating_counts: g.ratingCounts ?? {},
    rating_sums: g.ratingSums ?? {},
  }));
  if (buckets.length === 0 && !bucketed && checked.groupBy.length === 0) {
    buckets.push({ time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} });
  }
  return { after_ms: checked.afterMs, before_ms: checked.beforeMs, time_bucket_seconds: checked.timeBucketSeconds, buckets };
}
