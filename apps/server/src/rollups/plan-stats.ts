// The roll-up plan of a /feedback/stats request (a pure function: see plan-cells.ts for the
// tiling). Its buckets are local wall-clock keys, so a bucket is not simply [slot, next slot):
// the window is cut where the zone's offset changes, and within each piece (one offset) key K
// holds the instants whose local time lies in [K, K + granularity). When clocks fall back, a key
// can recur in the next piece: its bucket is then two ranges. The cuts are those the raw statement
// uses for its keys (sql/stats-bucket-key.ts: offsetShiftsBetween strictly inside the window), so
// a row's key here and there always agree. Offsets that are not whole quarter hours (45-minute
// zones are; local mean time is not) and granularities that are not leave raw edges per bucket.
//
// A trigger_ref filter: the whole request is read raw (the roll-ups have no trigger_ref).
//
// Metrics: counts, sum, avg, min, max, count_true/count_false of numeric and boolean metrics come
// from the roll-ups; percentiles need every value and categorical metrics are never rolled up, so
// those are read raw (only those metrics: splitStatsMetrics).
import { offsetSecondsAt, offsetShiftsBetween, type ResolvedMetric } from '@feedback/semantics';
import { planBuckets, type KeyedRange, type RollupPlan } from './plan-cells.js';

export interface StatsPlanWindow {
  startMs: number;
  endMs: number;
  /** Seconds. */
  granularity: number;
  /** The zone as the raw statement gets it (StatsQuery.timeZone). */
  timeZone: string;
  /**
   * The request's trigger_ref filter, if any. The stats roll-ups are not keyed by trigger_ref (real
   * refs are nearly one per row: keyed by them, the roll-ups would be as big as the raw rows), so a
   * request filtering on it is read raw, whole.
   */
  triggerRef?: { value: string; prefix: boolean } | null;
}

/** The window cut into ranges of one bucket key each, in time order. */
export function statsBucketRanges(w: StatsPlanWindow): KeyedRange[] {
  const cuts = offsetShiftsBetween(w.timeZone, w.startMs, w.endMs)
    .map((s) => s.at)
    .filter((at) => at > w.startMs && at < w.endMs);
  const bounds = [w.startMs, ...cuts, w.endMs];
  const span = w.granularity * 1000;
  const ranges: KeyedRange[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const from = bounds[i] as number;
    const to = bounds[i + 1] as number;
    if (from >= to) continue;
    const offsetMs = offsetSecondsAt(w.timeZone, from) * 1000;
    const localFrom = from + offsetMs;
    // The key of the piece's first instant (a true modulo, in integer ms, as bucketKeyOf).
    let keyMs = localFrom - (((localFrom % span) + span) % span);
    for (; keyMs - offsetMs < to; keyMs += span) {
      ranges.push({ key: keyMs / 1000, fromMs: Math.max(from, keyMs - offsetMs), toMs: Math.min(to, keyMs + span - offsetMs) });
    }
  }
  return ranges;
}

// Beyond this many ms per bucket, integer arithmetic on epoch ms is no longer exact.
const MAX_EXACT_SPAN_MS = 2 ** 52;

/** The cells and raw ranges of each bucket; `null`: read everything raw (no cell fits). */
export function planStats(w: StatsPlanWindow): RollupPlan | null {
  if (!Number.isSafeInteger(w.startMs) || !Number.isSafeInteger(w.endMs) || w.granularity * 1000 > MAX_EXACT_SPAN_MS) return null;
  if (w.endMs <= w.startMs) return null;
  if (w.triggerRef !== undefined && w.triggerRef !== null) return null;
  return planBuckets(statsBucketRanges(w));
}

/** A metric read raw, with its place in the request. */
export interface RawMetric {
  index: number;
  metric: ResolvedMetric;
}

export interface StatsMetricSplit {
  /** Indices of the metrics whose aggregations (not percentiles) come from the roll-ups. */
  rolledUp: number[];
  /**
   * What is read raw: categorical metrics whole; numeric and boolean ones with percentiles, their
   * percentiles only (aggregations emptied).
   */
  raw: RawMetric[];
}

export function splitStatsMetrics(metrics: readonly ResolvedMetric[]): StatsMetricSplit {
  const rolledUp: number[] = [];
  const raw: RawMetric[] = [];
  metrics.forEach((metric, index) => {
    if (metric.valueType === 'categorical') {
      raw.push({ index, metric });
      return;
    }
    rolledUp.push(index);
    if (metric.percentiles.length > 0) raw.push({ index, metric: { ...metric, aggregations: [] } });
  });
  return { rolledUp, raw };
}
