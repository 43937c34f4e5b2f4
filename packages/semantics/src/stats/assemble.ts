// Builds the /feedback/stats response body from computed aggregates. The server (values from SQL)
// and the in-memory fake (values from JS) both call this, so key order, null rules and the
// empty-bucket grid are written once.
import type { FeedbackStatsBucket, FeedbackStatsRes, StatsValue } from '@feedback/api-types';
import type { ResolvedMetric } from '../rules/index.js';
import { toUtcIso, type BucketSlot, type StatsWindow } from '../time/index.js';

/** The aggregates of one bucket (or of the whole window). */
export interface ComputedAggregates {
  /** Rows after filters, whether or not they carry a value. */
  count: number;
  /** Per metric, in request order: one value per aggregation, then one per percentile. */
  metrics: StatsValue[][];
}

const ZERO_WHEN_EMPTY = new Set(['sum', 'count', 'count_true', 'count_false']);

/** The value an output takes when no row carries a value: 0 for counts and sums, else null. */
export function emptyValue(aggregation: string): StatsValue {
  return ZERO_WHEN_EMPTY.has(aggregation) ? 0 : null;
}

function outputNames(m: ResolvedMetric): { label: string; aggregation: string }[] {
  return [
    ...m.aggregations.map((a) => ({ label: a, aggregation: a })),
    ...m.percentiles.map((p) => ({ label: p.label, aggregation: 'percentile' })),
  ];
}

function valueAt(agg: ComputedAggregates | undefined, metricIndex: number, outputIndex: number, aggregation: string): StatsValue {
  const v = agg?.metrics[metricIndex]?.[outputIndex];
  if (v === undefined || v === null) return emptyValue(aggregation);
  return v;
}

export interface StatsResponseInput {
  window: StatsWindow;
  metrics: readonly ResolvedMetric[];
  grid: readonly BucketSlot[];
  byBucketKey: ReadonlyMap<number, ComputedAggregates>;
  total: ComputedAggregates | undefined;
}

export function assembleStatsResponse(input: StatsResponseInput): FeedbackStatsRes {
  const names = input.metrics.map(outputNames);
  const buckets: FeedbackStatsBucket[] = input.grid.map((slot) => {
    const agg = input.byBucketKey.get(slot.key);
    const bucket: Record<string, StatsValue> = { timestamp: slot.timestamp };
    input.metrics.forEach((m, i) => {
      names[i]?.forEach((o, j) => {
        bucket[`${o.label}_${m.slug}`] = valueAt(agg, i, j, o.aggregation);
      });
    });
    bucket['count'] = agg?.count ?? 0;
    return bucket as FeedbackStatsBucket;
  });
  // fromEntries defines own properties: a metric whose slug is "__proto__" stays a key.
  const windowStats: FeedbackStatsRes['window_stats'] =
    input.metrics.length === 0
      ? null
      : Object.fromEntries(
          input.metrics.map((m, i) => [
            m.slug,
            Object.fromEntries((names[i] ?? []).map((o, j) => [o.label, valueAt(input.total, i, j, o.aggregation)])),
          ]),
        );
  return {
    start: toUtcIso(input.window.startMs),
    end: toUtcIso(input.window.endMs),
    granularity: input.window.granularity,
    timezone: input.window.timeZone,
    buckets,
    window_stats: windowStats,
  };
}
