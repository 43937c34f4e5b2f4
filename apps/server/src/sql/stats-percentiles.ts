// The percentiles of a /feedback/stats request when they are all that is read raw: the roll-ups
// answer every other aggregation (rollups/read-stats.ts), so this statement reads only what
// percentile_cont needs, each row's bucket key and metric values, and keeps only the rows that
// carry a value.
//
// Shape, and why (measured with EXPLAIN ANALYZE on 1M rows in one window):
//   1. The values are extracted once per row, below an OFFSET 0 fence: the subquery would
//      otherwise be flattened and the jsonpath call and its float8 cast evaluated twice, once
//      for the `IS NOT NULL` filter and once for the value.
//   2. Each bucket's values are gathered into an array by a hash aggregate. buildStatsSql groups
//      with GROUPING SETS, which for ordered-set aggregates means a sort of every row by bucket
//      key before the per-bucket sorts of percentile_cont (a hash aggregate cannot run ordered-set
//      aggregates); that row sort was the largest single cost of the statement.
//   3. Each bucket's percentiles are percentile_cont over its array, and the window's over every
//      array: sorts of plain float8 values only.
// The values and the function are the same as in buildStatsSql's statement, so are the answers,
// bit for bit (percentile_cont depends only on the multiset of values); the bucket key is the same
// expression (stats-bucket-key.ts), and overflowed interpolations take the same second statement
// (runWithWidePercentiles).
//
// Rows: one per bucket that has a value, and the window's (bucket_key null), with no `n`; a
// metric's percentiles in metricColumn(i, 0), its halved ones in metricColumn(i, 1).
import type { ResolvedMetric } from '@feedback/semantics';
import type { Queryable } from '../storage/db.js';
import { pgInstant } from './pg-instant.js';
import { projectRows } from './project-rows.js';
import { boundParams, type SqlStatement } from './statement.js';
import { bucketKeySql } from './stats-bucket-key.js';
import { metricColumn, percentileInputSql, runWithWidePercentiles, statsRowFilter, type StatsQuery } from './stats-query.js';

/** A row of this statement: no row count (the roll-up rows carry it). */
export type PercentileRow = { bucket_key: number | null } & Record<string, unknown>;

/** Whether every metric asks for percentiles only, of numeric or boolean values. */
export function onlyPercentiles(metrics: readonly ResolvedMetric[]): boolean {
  return metrics.length > 0 && metrics.every((m) => m.valueType !== 'categorical' && m.aggregations.length === 0 && m.percentiles.length > 0);
}

/**
 * `halvedPercentiles`: each metric also gets percentile_cont over its values halved, for where
 * the first one overflowed (see runWithWidePercentiles).
 */
export function buildStatsPercentilesSql(q: StatsQuery, opts: { halvedPercentiles?: boolean } = {}): SqlStatement {
  if (!onlyPercentiles(q.metrics)) throw new Error('buildStatsPercentilesSql takes metrics with percentiles only');
  const { params, bind } = boundParams([q.projectId, pgInstant(q.startMs), pgInstant(q.endMs), q.timeZone, q.granularity]);
  const where = statsRowFilter(q, bind);

  const values = q.metrics.map((m, i) => `${percentileInputSql(m, bind) ?? 'NULL::float8'} AS v${i}`);
  const arrays = q.metrics.map((_, i) => `array_agg(v${i}) FILTER (WHERE v${i} IS NOT NULL) AS vs${i}`);
  const anyValue = q.metrics.map((_, i) => `v${i} IS NOT NULL`).join(' OR ');
  const bucketKey = bucketKeySql(
    { startMs: q.startMs, endMs: q.endMs, timeZone: q.timeZone, timeZoneParam: '$4::text', granularityParam: '$5::float8' },
    bind,
  );

  const fractions = q.metrics.map((m) => bind(m.percentiles.map((p) => p.p / 100), 'float8[]'));
  // percentile_cont over the values `x` of `from`, and over the values halved when asked.
  const percentiles = (from: (i: number) => string): string[] =>
    q.metrics.flatMap((_, i) => {
      const over = (x: string, column: number): string =>
        `(SELECT percentile_cont(${fractions[i] as string}) WITHIN GROUP (ORDER BY ${x}) FROM ${from(i)}) AS ${metricColumn(i, column)}`;
      return opts.halvedPercentiles === true ? [over('x', 0), over('x * 0.5', 1)] : [over('x', 0)];
    });
  // unnest in a select list (ProjectSet), not in FROM: a function scan would copy every value
  // into a tuplestore first.
  const bucketPercentiles = percentiles((i) => `(SELECT unnest(vs${i}) AS x) AS u`);
  const windowPercentiles = percentiles((i) => `(SELECT unnest(vs${i}) AS x FROM buckets) AS u`);

  const sql = `
    WITH buckets AS MATERIALIZED (
      SELECT bucket_key, ${arrays.join(', ')}
      FROM (
        SELECT ${bucketKey} AS bucket_key, ${q.metrics.map((_, i) => `v${i}`).join(', ')}
        FROM (SELECT created_at, ${values.join(', ')} FROM ${projectRows('created_at, payload', where)} AS r OFFSET 0) AS e
        WHERE ${anyValue}
      ) AS picked
      GROUP BY bucket_key
    )
    SELECT bucket_key, ${bucketPercentiles.join(', ')} FROM buckets
    UNION ALL
    SELECT NULL, ${windowPercentiles.join(', ')}`;
  return { sql, params };
}

/** The percentile rows of `q` (onlyPercentiles(q.metrics) must hold). */
export async function runStatsPercentilesQuery(db: Queryable, q: StatsQuery): Promise<PercentileRow[]> {
  return runWithWidePercentiles<PercentileRow>(db, q.metrics, (opts) => buildStatsPercentilesSql(q, opts));
}
