// Stats answers → the columns a chart draws. One entry per bucket of the answer's grid; a bucket
// without a value is null (a gap), never 0: "no data" and "zero" must look different.
import type { FeedbackStatsRes, StatsValue, StatsValueCounts } from '@feedback/api-types';
import { metricSlug, percentileLabel } from '@feedback/semantics';
import { BAND_PERCENTILES } from './stats-request.js';

export type Column = (number | null)[];

export interface Coverage {
  /** Buckets with a value. */
  points: number;
  /** Buckets without one. */
  gaps: number;
}

export function coverage(values: Column): Coverage {
  let points = 0;
  for (const v of values) if (v !== null) points += 1;
  return { points, gaps: values.length - points };
}

function numberOf(v: StatsValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Bucket starts as epoch ms (the timestamps carry the zone's offset, so this is exact). */
export function bucketTimes(res: FeedbackStatsRes): number[] {
  return (res.buckets ?? []).map((b) => Date.parse(b.timestamp));
}

function column(res: FeedbackStatsRes, key: string): Column {
  return (res.buckets ?? []).map((b) => numberOf(b[key]));
}

export interface VolumeSeries {
  times: number[];
  /** Rows per bucket; null where the bucket has none. */
  rows: Column;
}

export function volumeSeries(res: FeedbackStatsRes): VolumeSeries {
  return { times: bucketTimes(res), rows: (res.buckets ?? []).map((b) => (b.count > 0 ? b.count : null)) };
}

export interface NumericSeries {
  times: number[];
  avg: Column;
  /** The band: p50 (lower edge, also the median line) and p95 (upper edge). */
  p50: Column;
  p95: Column;
  min: Column;
  max: Column;
  /** Rows with a numeric value at the path. */
  count: Column;
}

export function numericSeries(res: FeedbackStatsRes, jsonPath: string): NumericSeries {
  const slug = metricSlug(jsonPath);
  const [low, high] = BAND_PERCENTILES;
  return {
    times: bucketTimes(res),
    avg: column(res, `avg_${slug}`),
    p50: column(res, `${percentileLabel(low)}_${slug}`),
    p95: column(res, `${percentileLabel(high)}_${slug}`),
    min: column(res, `min_${slug}`),
    max: column(res, `max_${slug}`),
    count: column(res, `count_${slug}`).map((c) => (c === 0 ? null : c)),
  };
}

export interface BooleanSeries {
  times: number[];
  /** true / (true + false), 0–1; null where the bucket has neither. */
  passRate: Column;
  passed: Column;
  failed: Column;
}

export function booleanSeries(res: FeedbackStatsRes, jsonPath: string): BooleanSeries {
  const slug = metricSlug(jsonPath);
  const passed = column(res, `count_true_${slug}`);
  const failed = column(res, `count_false_${slug}`);
  const passRate = passed.map((t, i) => {
    const f = failed[i] ?? null;
    const total = (t ?? 0) + (f ?? 0);
    return total > 0 ? (t ?? 0) / total : null;
  });
  return {
    times: bucketTimes(res),
    passRate,
    passed: passed.map((v, i) => (passRate[i] === null ? null : v)),
    failed: failed.map((v, i) => (passRate[i] === null ? null : v)),
  };
}

export interface ValueCounts {
  /** The window's most frequent values, most frequent first, then `other` when any occurs. */
  labels: string[];
  /** `counts[v][i]`: how often `labels[v]` occurs in bucket i; null in a bucket without values. */
  counts: Column[];
}

export interface CategoricalSeries {
  times: number[];
  /** Rows with a value at the path; null where none. */
  count: Column;
  /** Lowest and highest value (code-point order) per bucket. */
  min: (string | null)[];
  max: (string | null)[];
  /** Per-value counts, when the server answered `top_values` for this metric. */
  top: ValueCounts | null;
}

/** The label of the stack of every value outside the top ones. */
export const OTHER_VALUES = '(other)';

function valueCounts(res: FeedbackStatsRes, slug: string, count: Column): ValueCounts | null {
  const top = res.top_values?.[slug];
  if (top === undefined) return null;
  const perBucket = (pick: (b: StatsValueCounts) => number) =>
    top.buckets.map((b, i) => (count[i] === null || count[i] === undefined ? null : pick(b)));
  const counts = top.values.map((_, v) => perBucket((b) => b.counts[v] ?? 0));
  const anyOther = top.window.other > 0;
  return {
    labels: anyOther ? [...top.values, OTHER_VALUES] : [...top.values],
    counts: anyOther ? [...counts, perBucket((b) => b.other)] : counts,
  };
}

export function categoricalSeries(res: FeedbackStatsRes, jsonPath: string): CategoricalSeries {
  const slug = metricSlug(jsonPath);
  const buckets = res.buckets ?? [];
  const text = (v: StatsValue | undefined) => (v === null || v === undefined ? null : String(v));
  const count = column(res, `count_${slug}`).map((c) => (c === 0 ? null : c));
  return {
    times: bucketTimes(res),
    count,
    min: buckets.map((b) => text(b[`min_${slug}`])),
    max: buckets.map((b) => text(b[`max_${slug}`])),
    top: valueCounts(res, slug, count),
  };
}

export interface WindowCard {
  metric: string;
  /** Output name → value, in the answer's order (`avg`, `p50`, `count_true`, …). */
  values: [string, StatsValue][];
  /** A categorical metric's most frequent values and their counts over the window, when answered. */
  top?: [string, number][];
}

/** `window_stats` as cards, one per metric slug, in the order the panels were asked for. */
export function windowCards(res: FeedbackStatsRes, paths: readonly string[]): WindowCard[] {
  const stats = res.window_stats ?? {};
  return paths.flatMap((path) => {
    const slug = metricSlug(path);
    const entry = stats[slug];
    if (entry === undefined) return [];
    const card: WindowCard = { metric: path, values: Object.entries(entry) };
    const top = res.top_values?.[slug];
    if (top !== undefined) {
      card.top = top.values.map((v, i): [string, number] => [v, top.window.counts[i] ?? 0]);
      if (top.window.other > 0) card.top.push([OTHER_VALUES, top.window.other]);
    }
    return [card];
  });
}

/** Rows in the whole window: the sum of the buckets' counts. */
export function totalRows(res: FeedbackStatsRes): number {
  return (res.buckets ?? []).reduce((sum, b) => sum + b.count, 0);
}
