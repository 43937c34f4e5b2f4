// Session settings for the two read queries, applied with SET LOCAL inside the request's own
// transaction, so they never leak to other statements on a pooled connection.
// - jit = off: on these plans JIT compilation costs 50–100 ms and saves less than it costs.
// - work_mem: the percentile sorts of a 1M-row window stay in memory instead of spilling to disk.
// - parallel costs: reading a project's rows in 2–3 processes pays off from ~10k rows on; the
//   defaults assume far costlier worker start-up than PostgreSQL 15 has on Linux.
import type { Db, Queryable } from '../storage/db.js';

export const READ_QUERY_SETTINGS = [
  'SET LOCAL jit = off',
  "SET LOCAL work_mem = '64MB'",
  'SET LOCAL parallel_setup_cost = 100',
  'SET LOCAL parallel_tuple_cost = 0.01',
].join('; ');

/** A statement with its bound parameters and the settings to run it under. */
export interface ReadStatement {
  sql: string;
  params: unknown[];
  settings: string;
}

export async function runReadStatement<T extends object>(db: Db, statement: ReadStatement): Promise<T[]> {
  return db.transaction(async (tx: Queryable) => {
    await tx.exec(statement.settings);
    const res = await tx.query<T>(statement.sql, statement.params);
    return res.rows;
  });
}
