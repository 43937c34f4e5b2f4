// Builds the /feedback/stats response body from the checked request and the aggregates an engine
// computed. The server (values from SQL) and the in-memory fake (values from JS) both call this,
// so key order, null rules and the empty-bucket grid are written once.
import type { FeedbackStatsBucket, FeedbackStatsRes, StatsValue } from '@feedback/api-types';
import type { ResolvedMetric } from '../rules/index.js';
import { toUtcIso } from '../time/index.js';
import type { CheckedStatsRequest } from './check-request.js';

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

/** What an engine computed for a checked stats request. */
export interface ComputedStats {
  /** Per bucket (by BucketSlot.key) that has rows; a bucket without rows may be absent. */
  byBucketKey: ReadonlyMap<number, ComputedAggregates>;
  /** Over the whole window; `undefined` reads as no rows. */
  total: ComputedAggregates | undefined;
}

export function assembleStatsResponse(
  checked: Pick<CheckedStatsRequest, 'window' | 'metrics' | 'grid'>,
  computed: ComputedStats,
): FeedbackStatsRes {
  const { window, metrics, grid } = checked;
  const names = metrics.map(outputNames);
  const buckets: FeedbackStatsBucket[] = grid.map((slot) => {
    const agg = computed.byBucketKey.get(slot.key);
    const bucket: Record<string, StatsValue> = { timestamp: slot.timestamp };
    metrics.forEach((m, i) => {
      names[i]?.forEach((o, j) => {
        bucket[`${o.label}_${m.slug}`] = valueAt(agg, i, j, o.aggregation);
      });
    });
    bucket['count'] = agg?.count ?? 0;
    return bucket as FeedbackStatsBucket;
  });
  // fromEntries defines own properties: a metric whose slug is "__proto__" stays a key.
  const windowStats: FeedbackStatsRes['window_stats'] =
    metrics.length === 0
      ? null
      : Object.fromEntries(
          metrics.map((m, i) => [
            m.slug,
            Object.fromEntries((names[i] ?? []).map((o, j) => [o.label, valueAt(computed.total, i, j, o.aggregation)])),
          ]),
        );
  return {
    start: toUtcIso(window.startMs),
    end: toUtcIso(window.endMs),
    granularity: window.granularity,
    timezone: window.timeZone,
    buckets,
    window_stats: windowStats,
  };
}
