// Session settings for the two read queries, applied with SET LOCAL inside the request's own
// transaction, so they never leak to other statements on a pooled connection.
// - jit = off: on these plans JIT compilation costs 50–100 ms and saves less than it costs.
// - work_mem: the percentile sorts of a 1M-row window stay in memory instead of spilling to disk.
// - parallel_tuple_cost: the default prices passing a row from a worker as if it cost a tenth of
//   reading it, which keeps 100k-row scans serial; worker start-up keeps its default price
//   (parallel_setup_cost), so small windows, where starting workers costs more than it saves,
//   stay serial.
import type { Db, Queryable } from '../storage/db.js';

export const READ_QUERY_SETTINGS = [
  'SET LOCAL jit = off',
  "SET LOCAL work_mem = '64MB'",
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
