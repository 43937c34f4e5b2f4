// The roll-up plan of a /feedback/aggregate request (pure; tiling in plan-cells.ts). Its buckets
// are UTC epoch multiples of time_bucket_seconds, or one bucket for the whole range; each is
// tiled with the coarsest cells inside bucket ∩ [after_ms, before_ms). Filters the roll-ups do not
// hold (tags: a row matches when it has any of them, which counts per tag cannot tell;
// rating_min/rating_max: a range over each row's own rating) make the whole request raw.
import type { GroupByDimension } from '@feedback/api-types';
import type { AggregateQuery } from '../sql/aggregate-query.js';
import { planBuckets, type KeyedRange, type RollupPlan } from './plan-cells.js';
import { AGGREGATE_SCORER_TABLE, AGGREGATE_TABLE, type RollupTable } from './rollup-tables.js';

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

const SCORER_TABLE_GROUPS: ReadonlySet<GroupByDimension> = new Set(AGGREGATE_SCORER_TABLE.dims as readonly GroupByDimension[]);

type TableChoiceInput = Pick<AggregateQuery, 'groupBy' | 'feedbackTypePrefixes' | 'monitorIds' | 'spanAgentNames' | 'spanTypes'>;

/**
 * The roll-up table that holds every dimension the request groups or filters on, the narrow one
 * when it does: grouped by scorer and span status at most, filtered by scorer at most (a
 * feedback-type prefix of '' matches every row, so it filters nothing).
 */
export function aggregateRollupTable(q: TableChoiceInput): RollupTable {
  const narrow =
    q.groupBy.every((g) => SCORER_TABLE_GROUPS.has(g)) &&
    (q.feedbackTypePrefixes.length === 0 || q.feedbackTypePrefixes.includes('')) &&
    q.monitorIds.exact.length === 0 && q.monitorIds.prefixes.length === 0 &&
    q.spanAgentNames.length === 0 && q.spanTypes.length === 0;
  return narrow ? AGGREGATE_SCORER_TABLE : AGGREGATE_TABLE;
}
