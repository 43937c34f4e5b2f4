// The rows of a /feedback/aggregate answer, from the roll-ups where the plan allows
// (plan-aggregate.ts), else from the raw rows: the same AggregateRow[] either way.
import type { Db } from '../storage/db.js';
import { runAggregateQuery, type AggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
import { aggregateRollupTable, planAggregate } from './plan-aggregate.js';
import { buildAggregateRollupSql } from './read-aggregate-sql.js';
import type { RollupPlan } from './plan-cells.js';
import type { ReadPath } from './read-stats.js';
import { AGGREGATE_SCORER_TABLE, type RollupTable } from './rollup-tables.js';

// Rows of the wide table (feedback_aggregate_rollup) carry one row per combination of seven
// dimensions and expand three jsonb maps each: on the benchmark's data an hour cell holds 595
// combinations against 1,344 raw rows, and reading it was slower than the raw rows (0.6×), while
// day cells (3,273 combinations against ~32,000 rows) were 2× faster. So the server reads the
// wide table only for buckets of a day or more, or a whole-range total. The narrow table (scorer
// × span status) holds ~27 combinations per cell, far fewer than the rows at every level, so it
// is read for any bucket (bench/RESULTS.md, Roll-ups).
const MIN_WIDE_BUCKET_MS = 86_400_000;

function rollupsPay(q: AggregateQuery, table: RollupTable): boolean {
  return table === AGGREGATE_SCORER_TABLE || q.bucketMs === null || q.bucketMs >= MIN_WIDE_BUCKET_MS;
}

/** Where a read of `q` on `path` takes its rows from: roll-up cells of a table, or (null) the raw rows only. */
export function planAggregateRead(q: AggregateQuery, path: ReadPath): { plan: RollupPlan; table: RollupTable } | null {
  if (path === 'raw') return null;
  const table = aggregateRollupTable(q);
  if (path === 'auto' && !rollupsPay(q, table)) return null;
  const plan = planAggregate(q);
  return plan === null ? null : { plan, table };
}

export async function readAggregateRows(db: Db, q: AggregateQuery, path: ReadPath): Promise<AggregateRow[]> {
  const read = planAggregateRead(q, path);
  if (read === null) return runAggregateQuery(db, q);
  const { sql, params } = buildAggregateRollupSql(q, read.plan, read.table);
  return (await db.query<AggregateRow>(sql, params)).rows;
}
