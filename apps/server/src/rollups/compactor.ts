// Merges the roll-up delta rows of each cell into one row per key (compact-statement.ts), so
// reads add up a few rows per cell, not one per write. Safe with several workers and instances:
// each project is compacted under a try-lock (a busy project is skipped, and comes back later),
// the lock purge and replace take for their recompute.
import type { Db } from '../storage/db.js';
import { CELLS_TO_COMPACT_SQL, compactSql, PROJECTS_WITH_DELTAS_SQL } from './compact-statement.js';
import { FRESH_LEVEL } from './cells.js';
import { tryLockProjectRollups } from './project-lock.js';
import { ROLLUP_TABLES, STATS_TABLE } from './rollup-tables.js';

/** Cells per table per transaction: a bounded transaction, however far behind the compactor is. */
const CELLS_PER_STEP = 2_000;
const PROJECTS_PER_PASS = 100;

export interface CompactionStats {
  /** Delta and earlier merged rows deleted. */
  deleted: number;
  /** Merged rows written in their place. */
  written: number;
}

/** One bounded step for one project; `more` when a table had more cells than one step takes. */
async function compactProjectStep(db: Db, projectId: string, stats: CompactionStats): Promise<{ locked: boolean; more: boolean }> {
  return db.transaction(async (tx) => {
    if (!(await tryLockProjectRollups(tx, projectId))) return { locked: false, more: false };
    const cells = (await tx.query<{ level: number; cell_start: Date; dirty: boolean }>(CELLS_TO_COMPACT_SQL, [projectId, CELLS_PER_STEP])).rows;
    if (cells.length === 0) return { locked: true, more: false };
    const targets = cells.filter((c) => c.level !== FRESH_LEVEL);
    const fresh = cells.filter((c) => c.level === FRESH_LEVEL).map((c) => c.cell_start);
    const params = [projectId, targets.map((c) => c.level), targets.map((c) => c.cell_start), fresh];
    // The stats table first (compact-statement.ts says why).
    for (const table of [STATS_TABLE, ...ROLLUP_TABLES.filter((t) => t !== STATS_TABLE)]) {
      const row = (await tx.query<{ deleted: number; written: number }>(compactSql(table), params)).rows[0];
      stats.deleted += row?.deleted ?? 0;
      stats.written += row?.written ?? 0;
    }
    return { locked: true, more: cells.filter((c) => c.dirty).length >= CELLS_PER_STEP };
  });
}

/**
 * Compacts one project's delta rows, step by step, until none is left (or another process holds
 * the project: it is compacting it). `rollups rebuild` leaves a project it backfilled this way.
 */
export async function compactProject(db: Db, projectId: string, stats: CompactionStats = { deleted: 0, written: 0 }, shouldStop: () => boolean = () => false): Promise<CompactionStats> {
  for (;;) {
    if (shouldStop()) return stats;
    const step = await compactProjectStep(db, projectId, stats);
    if (!step.locked || !step.more) return stats;
  }
}

/** Compacts every project that has delta rows (those another process is compacting are skipped). */
export async function compactRollups(db: Db, shouldStop: () => boolean = () => false): Promise<CompactionStats> {
  const stats: CompactionStats = { deleted: 0, written: 0 };
  const projects = await db.query<{ project_id: string }>(PROJECTS_WITH_DELTAS_SQL, [PROJECTS_PER_PASS]);
  for (const { project_id: projectId } of projects.rows) {
    if (shouldStop()) return stats;
    await compactProject(db, projectId, stats, shouldStop);
  }
  return stats;
}
