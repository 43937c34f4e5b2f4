// One transaction-scoped advisory lock per project for the work that DELETES roll-up rows: the
// compactor, and the recompute after a purge or replace (and rebuild). Two of them on the same
// cell would each delete the other's input and both re-insert: counted twice. Inserts (writes,
// backfill) never take it: they only add delta rows, which either side sees or not as a whole.
import type { Queryable } from '../storage/db.js';

const KEY_SQL = "hashtextextended('feedback rollups ' || $1::text, 0)";

/** Waits for the lock (purge, replace, rebuild): released at commit or rollback. */
export async function lockProjectRollups(tx: Queryable, projectId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${KEY_SQL})`, [projectId]);
}

/** Takes the lock only if free (the compactor: another worker or instance has that project). */
export async function tryLockProjectRollups(tx: Queryable, projectId: string): Promise<boolean> {
  const res = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${KEY_SQL}) AS ok`, [projectId]);
  return res.rows[0]?.ok === true;
}
