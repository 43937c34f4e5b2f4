// The rows of a /feedback/aggregate answer, from the roll-ups where the plan allows
// (plan-aggregate.ts), else from the raw rows: the same AggregateRow[] either way.
import type { Db } from '../storage/db.js';
import { runAggregateQuery, type AggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
import { planAggregate } from './plan-aggregate.js';
import { buildAggregateRollupSql } from './read-aggregate-sql.js';
import type { ReadPath } from './read-stats.js';

export async function readAggregateRows(db: Db, q: AggregateQuery, path: ReadPath): Promise<AggregateRow[]> {
  const plan = path === 'raw' ? null : planAggregate(q);
  if (plan === null) return runAggregateQuery(db, q);
  const { sql, params } = buildAggregateRollupSql(q, plan);
  return (await db.query<AggregateRow>(sql, params)).rows;
}
