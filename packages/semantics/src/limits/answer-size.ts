// How large an answer a request may ask for. The schema bounds each field of a request; these
// rules bound what the fields multiply into — the cells of a stats answer, the rows of an
// aggregate answer — so one request can never make the server (or the fake) build an answer
// that exhausts its memory. Both refuse with a 400 that names the limit and how to narrow.
import { invalidRequest } from '../errors.js';
import { metricOutputKeys, type ResolvedMetric } from '../rules/metrics.js';

/**
 * The most cells a stats answer may hold. A 31-day window at hourly granularity (745 buckets)
 * with 40 metrics of 3 aggregations and 3 percentiles each (242 cells a bucket) fits; the finest
 * grid (10,000 buckets) fits 17 outputs a bucket. An answer at the limit is ~8 MB of JSON.
 */
export const MAX_STATS_CELLS = 200_000;

/** The most rows an aggregate answer may hold (256 buckets × ~40 groups, or 10,000 groups unbucketed). */
export const MAX_AGGREGATE_ROWS = 10_000;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Cells of a stats answer: every bucket holds its `timestamp`, its `count` and one value per
 * metric output (aggregations and percentiles); `window_stats` holds every output once more.
 * A metric with `top_values: N` adds its N values, and N counts plus `other` for every bucket
 * and the window: counted as asked, since how many values the window holds is known only later.
 */
export function statsAnswerCells(bucketCount: number, metrics: readonly ResolvedMetric[]): number {
  const outputs = metrics.reduce((sum, m) => sum + metricOutputKeys(m).length, 0);
  const topValueCells = metrics.reduce((sum, m) => {
    const n = m.topValues ?? 0;
    return n === 0 ? sum : sum + n + (bucketCount + 1) * (n + 1);
  }, 0);
  return bucketCount * (2 + outputs) + outputs + topValueCells;
}

/** Refuses (400) a stats request whose answer would hold more than MAX_STATS_CELLS cells. */
export function assertStatsAnswerSize(bucketCount: number, metrics: readonly ResolvedMetric[]): void {
  const cells = statsAnswerCells(bucketCount, metrics);
  if (cells <= MAX_STATS_CELLS) return;
  throw invalidRequest(
    `The answer would hold ${count(cells)} values (${count(bucketCount)} buckets, each with a timestamp, ` +
      `a count and one value per aggregation and percentile, plus window_stats and any top_values counts); at most ${count(MAX_STATS_CELLS)} are allowed. ` +
      'Narrow the query: fewer metrics, aggregations, percentiles or top_values, a coarser granularity, or a shorter window.',
  );
}

/**
 * Refuses (400) an aggregate answer of more than MAX_AGGREGATE_ROWS rows. The number is known
 * only once the rows are grouped: the server asks for one row more than the limit, and the fake
 * counts its groups, so both refuse the same requests without building the whole answer.
 */
export function assertAggregateAnswerRows(rowCount: number): void {
  if (rowCount <= MAX_AGGREGATE_ROWS) return;
  throw invalidRequest(
    `The answer would have more than ${count(MAX_AGGREGATE_ROWS)} rows (one per time bucket and group_by combination that has rows). ` +
      'Narrow the query: fewer group_by dimensions, a larger time_bucket_seconds, a shorter window, or filters.',
  );
}
