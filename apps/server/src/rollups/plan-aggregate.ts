// The roll-up plan of a /feedback/aggregate request (pure; tiling in plan-cells.ts). Its buckets
// are UTC epoch multiples of time_bucket_seconds, or one bucket for the whole range; each is
// tiled with the coarsest cells inside bucket ∩ [after_ms, before_ms). Filters the roll-ups do not
// hold (tags: a row matches when it has any of them, which counts per tag cannot tell;
// rating_min/rating_max: a range over each row's own rating) make the whole request raw.
import type { AggregateQuery } from '../sql/aggregate-query.js';
import { planBuckets, type KeyedRange, type RollupPlan } from './plan-cells.js';

type AggregatePlanInput = Pick<AggregateQuery, 'afterMs' | 'beforeMs' | 'bucketMs' | 'tags' | 'ratingMin' | 'ratingMax'>;

// Beyond this, integer arithmetic on epoch ms is no longer exact.
const MAX_EXACT_MS = 2 ** 52;

/** The range of each bucket (key: its start in epoch ms; 0 when unbucketed), in time order. */
export function aggregateBucketRanges(q: Pick<AggregateQuery, 'afterMs' | 'beforeMs' | 'bucketMs'>): KeyedRange[] {
  if (q.bucketMs === null) return [{ key: 0, fromMs: q.afterMs, toMs: q.beforeMs }];
  const span = q.bucketMs;
  const ranges: KeyedRange[] = [];
  // after_ms ≥ 0, so the remainder is a true modulo.
  for (let start = q.afterMs - (q.afterMs % span); start < q.beforeMs; start += span) {
    ranges.push({ key: start, fromMs: Math.max(q.afterMs, start), toMs: Math.min(q.beforeMs, start + span) });
  }
  return ranges;
}

/** Whether the roll-ups can answer the request's filters at all. */
export function aggregateFiltersRolledUp(q: Pick<AggregateQuery, 'tags' | 'ratingMin' | 'ratingMax'>): boolean {
  return q.tags.length === 0 && q.ratingMin === null && q.ratingMax === null;
}

/** The cells and raw ranges of each bucket; `null`: read everything raw. */
export function planAggregate(q: AggregatePlanInput): RollupPlan | null {
  if (!aggregateFiltersRolledUp(q)) return null;
  if (!Number.isSafeInteger(q.afterMs) || !Number.isSafeInteger(q.beforeMs) || q.afterMs < 0 || q.beforeMs <= q.afterMs) return null;
  if (q.bucketMs !== null && (!Number.isSafeInteger(q.bucketMs) || q.bucketMs <= 0 || q.bucketMs > MAX_EXACT_MS)) return null;
  return planBuckets(aggregateBucketRanges(q));
}
