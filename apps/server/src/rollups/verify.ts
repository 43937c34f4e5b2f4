// `rollups verify`: recompute a project's roll-ups from its raw rows and report every difference.
import type { Queryable } from '../storage/db.js';
import { ROLLUP_TABLES } from './rollup-tables.js';
import { FLAG_MISMATCH_SQL, PENDING_COUNT_SQL, verifySql, type RollupDifference } from './verify-statement.js';

export interface TableDifference extends RollupDifference {
  table: string;
}

export interface VerifyResult {
  differences: TableDifference[];
  /** Rows whose rolled_up flag disagrees with the leaf bounds. */
  flagMismatches: { id: string; rolled_up: boolean }[];
  /** Rows waiting for the backfill (counted raw by reads meanwhile). */
  pendingRows: number;
}

/** At most `limit` differences per table (and flag mismatches). One snapshot per table. */
export async function verifyRollups(db: Queryable, projectId: string, limit = 100): Promise<VerifyResult> {
  const differences: TableDifference[] = [];
  for (const table of ROLLUP_TABLES) {
    const res = await db.query<RollupDifference>(verifySql(table), [projectId, limit]);
    for (const d of res.rows) differences.push({ table: table.name, ...d });
  }
  const flags = await db.query<{ id: string; rolled_up: boolean }>(FLAG_MISMATCH_SQL, [projectId, limit]);
  const pending = await db.query<{ n: number }>(PENDING_COUNT_SQL, [projectId]);
  return { differences, flagMismatches: flags.rows, pendingRows: pending.rows[0]?.n ?? 0 };
}
