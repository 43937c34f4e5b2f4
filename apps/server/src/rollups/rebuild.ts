// Recompute roll-ups from the raw rows: `rollups rebuild`, the tests, and — for the cells a purge
// or replace removed rolled-up rows from — the write path itself.
import { pgInstant } from '../sql/pg-instant.js';
import type { Db, Queryable } from '../storage/db.js';
import { DAY_MS, dayStartMs } from './cells.js';
import { lockProjectRollups } from './project-lock.js';
import { recomputeQuartersSql, recomputeUpperSql } from './recompute-cells-statement.js';
import { rebuildSql } from './rebuild-statement.js';
import { ROLLUP_TABLES } from './rollup-tables.js';

const QUARTER_MS = 900_000;

/**
 * Recomputes every roll-up of `projectId` whose cell overlaps [fromMs, toMs) (the whole project
 * when a bound is absent), widened to whole UTC days, in one transaction: one statement per table.
 */
export async function rebuildRollups(db: Db, projectId: string, fromMs?: number, toMs?: number): Promise<void> {
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) return;
  const lo = fromMs === undefined ? '-infinity' : pgInstant(dayStartMs(fromMs));
  const hi = toMs === undefined ? 'infinity' : pgInstant(dayStartMs(Math.ceil(toMs) - 1) + DAY_MS);
  await db.transaction(async (tx) => {
    await lockProjectRollups(tx, projectId);
    for (const table of ROLLUP_TABLES) await tx.query(rebuildSql(table), [projectId, [lo], [hi]]);
  });
}

/** The 15-minute cell (epoch ms of its start) holding `ms`. */
export function quarterStartMs(ms: number): number {
  return Math.floor(ms / QUARTER_MS) * QUARTER_MS;
}

/**
 * Inside the caller's transaction, after it deleted rolled-up rows: the roll-ups of the 15-minute
 * cells they were created in (epoch ms of each cell's start; repeats allowed) and of the hours
 * and days holding them, recomputed (recompute-cells-statement.ts).
 */
export async function recomputeRollupCells(tx: Queryable, projectId: string, quarterStarts: readonly number[]): Promise<void> {
  if (quarterStarts.length === 0) return;
  const cells = [...new Set(quarterStarts)].sort((a, b) => a - b).map(pgInstant);
  await lockProjectRollups(tx, projectId);
  for (const table of ROLLUP_TABLES) {
    await tx.query(recomputeQuartersSql(table), [projectId, cells]);
    await tx.query(recomputeUpperSql(table, 3600, 900), [projectId, cells]);
    await tx.query(recomputeUpperSql(table, 86400, 3600), [projectId, cells]);
  }
}
