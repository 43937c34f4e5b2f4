// The rows of a /feedback/aggregate answer, from the roll-ups where the plan allows
// (plan-aggregate.ts), else from the raw rows: the same AggregateRow[] either way.
import type { Db } from '../storage/db.js';
import { runAggregateQuery, type AggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
import { planAggregate } from './plan-aggregate.js';
import { buildAggregateRollupSql } from './read-aggregate-sql.js';
import type { ReadPath } from './read-stats.js';

// Aggregate roll-up rows carry one row per dimension combination and expand three jsonb maps
// each: on the benchmark's data an hour cell holds 595 combinations against 1,344 raw rows, and
// reading it was slower than the raw rows (0.6×), while day cells (3,273 combinations against
// ~32,000 rows) were 2× faster. So the server reads them only for buckets of a day or more, or a
// whole-range total (bench/RESULTS.md, Roll-ups).
const MIN_ROLLED_UP_BUCKET_MS = 86_400_000;

function rollupsPay(q: AggregateQuery): boolean {
  return q.bucketMs === null || q.bucketMs >= MIN_ROLLED_UP_BUCKET_MS;
}

export async function readAggregateRows(db: Db, q: AggregateQuery, path: ReadPath): Promise<AggregateRow[]> {
  const plan = path === 'raw' || (path === 'auto' && !rollupsPay(q)) ? null : planAggregate(q);
  if (plan === null) return runAggregateQuery(db, q);
  const { sql, params } = buildAggregateRollupSql(q, plan);
  return (await db.query<AggregateRow>(sql, params)).rows;
}
