// Checks the roll-up tests share: `rollups verify` finds nothing, and the roll-ups really hold
// the rows (so a test cannot pass on empty tables).
import { expect } from 'vitest';
import { verifyRollups } from '../../src/rollups/verify.js';
import type { Queryable } from '../../src/storage/db.js';

/** verify reports no difference and no flag mismatch. */
export async function expectRollupsExact(db: Queryable, projectId: string): Promise<void> {
  const result = await verifyRollups(db, projectId);
  expect(result.differences).toEqual([]);
  expect(result.flagMismatches).toEqual([]);
}

/** Rows the roll-ups count at each level, and rows flagged rolled up. */
export async function rolledUpCounts(db: Queryable, projectId: string): Promise<{ byLevel: Record<string, number>; flagged: number; raw: number }> {
  const levels = await db.query<{ level: number; n: number }>(
    'SELECT level, sum(row_count)::int AS n FROM feedback_stats_rollup WHERE project_id = $1 GROUP BY level ORDER BY level',
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
