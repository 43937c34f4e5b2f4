// The rows of a /feedback/stats answer, from the roll-ups where the plan allows (plan-stats.ts)
// and from the raw rows otherwise: the same rows either way (bucket_key, n, metricColumn(i, j)),
// so the route assembles one answer from both. With percentiles or categorical metrics, those
// are a second, raw statement over only their metrics; both statements then run in one
// repeatable-read transaction, so they read the same snapshot.
import { metricOverflowError } from '@feedback/semantics';
import type { Db, Queryable } from '../storage/db.js';
import { isNumericOverflow } from '../storage/db-errors.js';
import { onlyPercentiles, runStatsPercentilesQuery, type PercentileRow } from '../sql/stats-percentiles.js';
import { buildStatsSql, metricColumn, runStatsQuery, type StatsQuery, type StatsRow } from '../sql/stats-query.js';
import type { RollupPlan } from './plan-cells.js';
import { planStats, splitStatsMetrics, type RawMetric } from './plan-stats.js';
import { buildStatsRollupSql } from './read-stats-sql.js';

/**
 * Which path a read takes: `rollups` uses the roll-ups wherever the plan allows; `auto` (the
 * server's) does too, except where they are measured not to pay (read-aggregate.ts); `raw` never
 * uses them. The differential test compares `rollups` with `raw`, so every plan is held exact.
 */
export type ReadPath = 'auto' | 'rollups' | 'raw';

// PostgreSQL allows 1,664 select-list columns; the roll-up statement carries up to five partial
// columns per metric. Past this many, the request is read raw (which has its own limit and 400).
const MAX_PARTIAL_COLUMNS = 1_500;

function partialColumnCount(q: StatsQuery): number {
  return q.metrics.reduce((n, m) => n + (m.valueType === 'categorical' ? 0 : 5 + m.aggregations.length), 0);
}

/**
 * Moves the raw statement's columns of each raw metric to the metric's place in the request's
 * rows. A metric read raw for its percentiles only has no aggregations there: its percentile
 * column moves to index `aggregations.length` of the request's metric.
 */
function mergeRawMetrics(q: StatsQuery, rolled: readonly StatsRow[], raw: readonly PercentileRow[], rawMetrics: readonly RawMetric[]): StatsRow[] {
  const byKey = new Map<number | null, StatsRow>(rolled.map((r) => [r.bucket_key, { ...r }]));
  for (const row of raw) {
    let target = byKey.get(row.bucket_key);
    if (target === undefined) {
      // Both statements read one snapshot, so a bucket with raw values has roll-up rows too; only
      // the raw statement of whole metrics counts rows (the percentile statement has no `n`).
      if (typeof row['n'] !== 'number') throw new Error(`raw stats row for bucket ${String(row.bucket_key)} without roll-up rows`);
      target = { bucket_key: row.bucket_key, n: row['n'] };
      byKey.set(row.bucket_key, target);
    }
    rawMetrics.forEach(({ index, metric }, k) => {
      const shift = (q.metrics[index]?.aggregations.length ?? 0) - metric.aggregations.length;
      const columns = metric.aggregations.length + (metric.percentiles.length > 0 ? 1 : 0);
      for (let j = 0; j < columns; j += 1) target[metricColumn(index, shift + j)] = row[metricColumn(k, j)];
    });
  }
  return [...byKey.values()];
}

async function rollupRows(db: Queryable, q: StatsQuery, plan: RollupPlan, rolledUp: readonly number[]): Promise<StatsRow[]> {
  const { sql, params } = buildStatsRollupSql(q, plan, rolledUp);
  try {
    return (await db.query<StatsRow>(sql, params)).rows;
  } catch (err) {
    if (isNumericOverflow(err)) throw metricOverflowError();
    throw err;
  }
}

/**
 * The rows of `q`. `alongside` (top_values) runs in the same snapshot as the rows, so a row
 * committed meanwhile is counted by both or by neither.
 */
export async function readStatsRows<T>(
  db: Db,
  q: StatsQuery,
  path: ReadPath,
  alongside?: (tx: Queryable) => Promise<T>,
): Promise<{ rows: StatsRow[]; alongside: T | undefined }> {
  const plan = path === 'raw' || partialColumnCount(q) > MAX_PARTIAL_COLUMNS ? null : planStats(q);
  // The raw statement's own refusals (too many output columns) come first, as on the raw path.
  if (plan !== null) buildStatsSql(q);
  const split = plan === null ? null : splitStatsMetrics(q.metrics);
  const read = async (on: Queryable): Promise<StatsRow[]> => {
    if (plan === null || split === null) return runStatsQuery(on, q);
    const rolled = await rollupRows(on, q, plan, split.rolledUp);
    if (split.raw.length === 0) return rolled;
    // Percentiles alone read only the values they sort (stats-percentiles.ts); categorical
    // metrics are read whole, with the percentiles of any other metric, in one statement.
    const rawQuery = { ...q, metrics: split.raw.map((r) => r.metric) };
    const raw = onlyPercentiles(rawQuery.metrics) ? await runStatsPercentilesQuery(on, rawQuery) : await runStatsQuery(on, rawQuery);
    return mergeRawMetrics(q, rolled, raw, split.raw);
  };
  // One statement needs no transaction: its snapshot is consistent on its own.
  if (alongside === undefined && (split === null || split.raw.length === 0)) return { rows: await read(db), alongside: undefined };
  return db.transaction(
    async (tx) => {
      const rows = await read(tx);
      return { rows, alongside: alongside === undefined ? undefined : await alongside(tx) };
    },
    { readOnlySnapshot: true },
  );
}
