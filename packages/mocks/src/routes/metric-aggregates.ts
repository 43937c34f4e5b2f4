// One metric's outputs over one group of rows, with the arithmetic the server's SQL uses per
// value type (sql/stats-query.ts): numeric values as float8, sums exact (exactSum); booleans as 0/1 for
// sum/avg/min/max/percentiles and counted for count_true/count_false; categorical text ordered
// by code point (COLLATE "C"). Empty groups give what SQL gives: sums and counts 0, others null.
import type { StatsValue } from '@feedback/api-types';
import { compareCodePoints, exactSum, metricOverflowError, percentileCont, type ResolvedMetric } from '@feedback/semantics';

export type MetricValue = number | boolean | string;

/** The exact sum rounded once (docs/semantics.md, "Exact sums"); past the float range, a 400. */
function sumOf(values: readonly number[]): number {
  const sum = exactSum(values);
  if (!Number.isFinite(sum)) throw metricOverflowError();
  return sum;
}

function extremeOf<T>(values: readonly T[], compare: (a: T, b: T) => number, sign: 1 | -1): T | null {
  let best: T | undefined;
  for (const v of values) {
    if (best === undefined || sign * compare(v, best) > 0) best = v;
  }
  return best ?? null;
}

const byNumber = (a: number, b: number): number => a - b;

/** numeric and boolean metrics: everything is computed over numbers (booleans as 0/1). */
function numericOutputs(metric: ResolvedMetric, numbers: readonly number[], flags: readonly boolean[] | null): StatsValue[] {
  const n = numbers.length;
  const out: StatsValue[] = metric.aggregations.map((agg): StatsValue => {
    switch (agg) {
      case 'sum':
        return sumOf(numbers);
      case 'avg':
        // The rounded exact sum over the count, as the server's SQL computes it: no sum of
        // squares decides whether an average is refused (§5: avg of [2e155, 0] is 1e155).
        return n === 0 ? null : sumOf(numbers) / n;
      case 'min':
        return extremeOf(numbers, byNumber, -1);
      case 'max':
        return extremeOf(numbers, byNumber, 1);
      case 'count':
        return n;
      case 'count_true':
        return (flags ?? numbers.map((v) => v !== 0)).filter((f) => f).length;
      case 'count_false':
        return (flags ?? numbers.map((v) => v !== 0)).filter((f) => !f).length;
    }
  });
  if (metric.percentiles.length > 0) {
    const sorted = [...numbers].sort(byNumber);
    for (const p of metric.percentiles) out.push(percentileCont(sorted, p.p));
  }
  return out;
}

function categoricalOutputs(metric: ResolvedMetric, texts: readonly string[]): StatsValue[] {
  return metric.aggregations.map((agg): StatsValue => {
    switch (agg) {
      case 'min':
        return extremeOf(texts, compareCodePoints, -1);
      case 'max':
        return extremeOf(texts, compareCodePoints, 1);
      case 'count':
        return texts.length;
      case 'count_true':
        return texts.filter((t) => t === 'true').length;
      case 'count_false':
        return texts.filter((t) => t === 'false').length;
      default:
        // resolveMetrics refuses sum/avg on categorical metrics before anything is computed.
        throw new Error(`aggregation ${agg} on a categorical metric passed validation`);
    }
  });
}

/**
 * The outputs of `metric` over the present values of one group (row order), in the order the
 * response lists them: one per aggregation, then one per percentile.
 */
export function metricOutputs(metric: ResolvedMetric, values: readonly MetricValue[]): StatsValue[] {
  switch (metric.valueType) {
    case 'numeric':
      return numericOutputs(metric, values.filter((v): v is number => typeof v === 'number'), null);
    case 'boolean': {
      const flags = values.filter((v): v is boolean => typeof v === 'boolean');
      return numericOutputs(metric, flags.map((f) => (f ? 1 : 0)), flags);
    }
    case 'categorical':
      return categoricalOutputs(metric, values.filter((v): v is string => typeof v === 'string'));
  }
}
