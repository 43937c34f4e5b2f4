// Checks the roll-up tests share: `rollups verify` finds nothing, and the roll-ups really hold
// the rows (so a test cannot pass on empty tables).
import { expect } from 'vitest';
import { FRESH_LEVEL } from '../../src/rollups/cells.js';
import { ROLLUP_TABLES } from '../../src/rollups/rollup-tables.js';
import { verifyRollups } from '../../src/rollups/verify.js';
import type { Queryable } from '../../src/storage/db.js';

/** verify reports no difference and no flag mismatch. */
export async function expectRollupsExact(db: Queryable, projectId: string): Promise<void> {
  const result = await verifyRollups(db, projectId);
  expect(result.differences).toEqual([]);
  expect(result.flagMismatches).toEqual([]);
}

/**
 * Rows the roll-ups count at each level (the level's own rows plus the fresh rows inside its
 * cells, as a reader adds them), and rows flagged rolled up.
 */
export async function rolledUpCounts(db: Queryable, projectId: string): Promise<{ byLevel: Record<string, number>; flagged: number; raw: number }> {
  const levels = await db.query<{ level: number; n: number }>(
    `SELECT lv.level, sum(r.row_count)::int AS n
     FROM feedback_stats_rollup AS r JOIN (VALUES (900), (3600), (86400)) AS lv(level) ON r.level IN (lv.level, 0)
     WHERE r.project_id = $1 GROUP BY lv.level ORDER BY lv.level`,
    [projectId],
  );
  const flags = await db.query<{ flagged: number; raw: number }>(
    'SELECT (count(*) FILTER (WHERE rolled_up))::int AS flagged, count(*)::int AS raw FROM feedback WHERE project_id = $1',
    [projectId],
  );
  return {
    byLevel: Object.fromEntries(levels.rows.map((r) => [String(r.level), r.n])),
    flagged: flags.rows[0]?.flagged ?? 0,
    raw: flags.rows[0]?.raw ?? 0,
  };
}

/** Every row of the project is rolled up, once at each level. */
export async function expectAllRolledUp(db: Queryable, projectId: string): Promise<void> {
  const c = await rolledUpCounts(db, projectId);
  expect(c.flagged).toBe(c.raw);
  expect(c.byLevel).toEqual(c.raw === 0 ? {} : { 900: c.raw, 3600: c.raw, 86400: c.raw });
}

/** Rows still fresh (written at ingest, not yet spread to the levels by the compactor), in all four tables. */
export async function freshRowCount(db: Queryable, projectId: string): Promise<number> {
  const counts = ROLLUP_TABLES.map((t) => `(SELECT count(*) FROM ${t.name} WHERE project_id = $1 AND level = ${FRESH_LEVEL})`);
  const res = await db.query<{ n: number }>(`SELECT (${counts.join(' + ')})::int AS n`, [projectId]);
  return res.rows[0]?.n ?? 0;
}
