// The roll-ups' background work and repairs, on each engine: compaction merges delta rows and
// keeps every total; the backfill rolls up rows written without roll-ups (before migration 006 or
// with FEEDBACK_ROLLUPS=off), in batches that can stop and resume, never counting a row twice —
// not even one written by the write path while it runs; rebuild recomputes from raw; verify
// reports a difference when the roll-ups are wrong.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { checkCreateRequest } from '@feedback/semantics';
import { backfillRollups } from '../src/rollups/backfill.js';
import { compactRollups } from '../src/rollups/compactor.js';
import { startRollupJobs } from '../src/rollups/rollup-jobs.js';
import { purgeWithRollups } from '../src/rollups/purge-with-rollups.js';
import { rebuildRollups } from '../src/rollups/rebuild.js';
import { ROLLUP_TABLES, spreadFreshSql, tableColumns } from '../src/rollups/rollup-tables.js';
import { verifyRollups } from '../src/rollups/verify.js';
import { toInsertRow, type FeedbackInsertRow } from '../src/sql/feedback-row.js';
import { insertFeedback } from '../src/sql/feedback-store.js';
import type { Queryable } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { expectAllRolledUp, expectRollupsExact, freshRowCount, rolledUpCounts } from './support/rollup-checks.js';

const T0 = Date.parse('2024-03-10T00:00:00Z');

function rows(project: string, n: number, stepMs: number, start = T0): FeedbackInsertRow[] {
  return Array.from({ length: n }, (_, i) => {
    const body = {
      project_id: project,
      weave_ref: `weave:///${project}/call/c${i % 4}`,
      feedback_type: `wandb.runnable.s${i % 3}`,
      runnable_ref: `weave:///${project}/object/s${i % 3}:v1`,
      payload: { output: { score: (i % 9) / 8, pass: i % 2 === 0 }, nested: { n: i % 5, label: 'x' } },
      scorer_tags: i % 4 === 0 ? ['t1'] : ['t2', 't3'],
      scorer_ratings: { _rating_: (i % 4) / 4 },
    };
    return toInsertRow(checkCreateRequest(body as Parameters<typeof checkCreateRequest>[0], 'alice'), randomUUID(), start + i * stepMs);
  }, 60_000);
}

async function rollupRowCount(db: Queryable, project: string): Promise<number> {
  const res = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM feedback_stats_rollup WHERE project_id = $1) + (SELECT count(*) FROM feedback_stats_rollup_leaf WHERE project_id = $1)
            + (SELECT count(*) FROM feedback_aggregate_rollup WHERE project_id = $1)
            + (SELECT count(*) FROM feedback_aggregate_scorer_rollup WHERE project_id = $1))::int AS n`,
    [project],
  );
  return res.rows[0]?.n ?? 0;
}

/** Keys of the aggregate roll-up that still have more than one row (at one level, if given). */
async function keysWithSeveralRows(db: Queryable, project: string, level?: number): Promise<number> {
  const res = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM feedback_aggregate_rollup WHERE project_id = $1 AND ($2::int IS NULL OR level = $2::int)
       GROUP BY level, cell_start, feedback_type, scorer_id, monitor_id, span_type, span_agent_name, span_agent_version, span_status_code
       HAVING count(*) > 1) AS k`,
    [project, level ?? null],
  );
  return res.rows[0]?.n ?? 0;
}

describe.each(testEngines())('roll-up maintenance on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('compaction merges the deltas of each cell into one row per key and keeps every total', async () => {
    const { db } = database();
    const project = 'acme/compact';
    // 12 inserts of 10 rows each into the same few cells: 12 deltas per key.
    const all = rows(project, 120, 60_000);
    for (let i = 0; i < 12; i++) await insertFeedback(db, all.filter((_, k) => k % 12 === i), { rollups: true });
    await expectRollupsExact(db, project);
    // Writes leave fresh rows only (one level, not three): the compactor spreads them.
    const before = await rollupRowCount(db, project);
    expect(await freshRowCount(db, project)).toBe(before);
    expect(await keysWithSeveralRows(db, project, 0)).toBeGreaterThan(0);
    const stats = await compactRollups(db);
    expect(stats.deleted).toBeGreaterThanOrEqual(before);
    const after = await rollupRowCount(db, project);
    expect(after).toBeLessThan(before);
    expect(await freshRowCount(db, project)).toBe(0);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
    // Nothing left to merge; more writes, then compaction again, still exact.
    expect((await compactRollups(db)).deleted).toBe(0);
    // More writes into cells already compacted (the hour and day merge their fresh rows).
    await insertFeedback(db, rows(project, 30, 60_000, T0 + 3_600_000), { rollups: true });
    await expectRollupsExact(db, project);
    await compactRollups(db);
    expect(await freshRowCount(db, project)).toBe(0);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
  }, 60_000);

  it('the backfill rolls up rows written without roll-ups, resumably, and never counts a row twice', async () => {
    const { db } = database();
    const project = 'acme/backfill';
    await insertFeedback(db, rows(project, 95, 400_000)); // no roll-ups: rolled_up NULL
    expect(await rolledUpCounts(db, project)).toEqual({ byLevel: {}, flagged: 0, raw: 95 });
    expect((await verifyRollups(db, project)).pendingRows).toBe(95);
    // Two batches of 20, then stop: 40 rolled up, the rest still pending.
    expect(await backfillRollups(db, { projectId: project, batchRows: 20, maxBatches: 2 })).toBe(40);
    await expectRollupsExact(db, project);
    expect((await rolledUpCounts(db, project)).flagged).toBe(40);
    // Rows written by the write path meanwhile carry their flag: the backfill leaves them.
    await insertFeedback(db, rows(project, 10, 400_000, T0 + 60_000), { rollups: true });
    expect(await backfillRollups(db, { projectId: project, batchRows: 20 })).toBe(55);
    expect(await backfillRollups(db, { projectId: project, batchRows: 20 })).toBe(0);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
    expect((await rolledUpCounts(db, project)).raw).toBe(105);
    expect((await verifyRollups(db, project)).pendingRows).toBe(0);
  }, 60_000);

  it('backfills running at once take disjoint rows', async () => {
    const { db } = database();
    const project = 'acme/backfill-race';
    await insertFeedback(db, rows(project, 120, 30_000));
    const done = await Promise.all([1, 2, 3].map(() => backfillRollups(db, { projectId: project, batchRows: 15 })));
    expect(done.reduce((a, b) => a + b, 0)).toBe(120);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
  }, 60_000);

  it('migration 009 fills the scorer × status roll-up from the wide one, exactly, deltas and all', async () => {
    const { db } = database();
    const project = 'acme/migrate-009';
    const all = rows(project, 90, 45_000);
    // Compacted rows and, on top, uncompacted deltas: the migration merges both.
    await insertFeedback(db, all.slice(0, 60), { rollups: true });
    await compactRollups(db);
    for (let i = 0; i < 3; i++) await insertFeedback(db, all.slice(60 + i * 10, 70 + i * 10), { rollups: true });
    // Back to the state before 009 (its table gone) and 010 (no fresh rows: writes then put their
    // deltas at the three levels), then migrate again.
    expect(await freshRowCount(db, project)).toBeGreaterThan(0);
    for (const t of ROLLUP_TABLES) {
      const columns = tableColumns(t).join(', ');
      await db.exec(`INSERT INTO ${t.name} (${columns}) ${spreadFreshSql(t, `(SELECT * FROM ${t.name} WHERE level = 0)`)}`);
      await db.exec(`DELETE FROM ${t.name} WHERE level = 0`);
    }
    await db.exec('DROP TABLE feedback_aggregate_scorer_rollup');
    await db.query('DELETE FROM schema_migrations WHERE version IN (9, 10)');
    await migrate(db);
    const filled = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_aggregate_scorer_rollup WHERE project_id = $1', [project]);
    expect(filled.rows[0]?.n).toBeGreaterThan(0);
    await expectRollupsExact(db, project);
    // The deltas written before 010 (at the three levels) and fresh ones written after it: the
    // compactor merges both kinds.
    await insertFeedback(db, rows(project, 10, 45_000, T0 + 30 * 60_000), { rollups: true });
    expect(await freshRowCount(db, project)).toBeGreaterThan(0);
    await compactRollups(db);
    expect(await freshRowCount(db, project)).toBe(0);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
  }, 60_000);

  it('verify reports wrong roll-ups, and rebuild recomputes them from raw', async () => {
    const { db } = database();
    const project = 'acme/repair';
    await insertFeedback(db, rows(project, 40, 200_000), { rollups: true });
    await db.query("UPDATE feedback_stats_rollup SET row_count = row_count + 1 WHERE project_id = $1 AND level = 3600 AND cell_start = (SELECT min(cell_start) FROM feedback_stats_rollup WHERE project_id = $1)", [project]);
    await db.query("UPDATE feedback_stats_rollup_leaf SET num_sum = num_sum + 0.5 WHERE project_id = $1 AND level = 900 AND path = 'output.score'", [project]);
    await db.query("UPDATE feedback_aggregate_rollup SET tag_counts = '{\"t1\": 99}' WHERE project_id = $1 AND level = 86400", [project]);
    await db.query("DELETE FROM feedback_aggregate_rollup WHERE project_id = $1 AND level = 900 AND cell_start = (SELECT max(cell_start) FROM feedback_aggregate_rollup WHERE project_id = $1)", [project]);
    await db.query("UPDATE feedback_aggregate_scorer_rollup SET scored_count = scored_count + 1 WHERE project_id = $1 AND level = 3600", [project]);
    await db.query("UPDATE feedback SET rolled_up = false WHERE project_id = $1 AND id = (SELECT min(id) FROM feedback WHERE project_id = $1)", [project]);
    const wrong = await verifyRollups(db, project);
    expect(new Set(wrong.differences.map((d) => d.table))).toEqual(
      new Set(['feedback_stats_rollup', 'feedback_stats_rollup_leaf', 'feedback_aggregate_rollup', 'feedback_aggregate_scorer_rollup']),
    );
    expect(wrong.flagMismatches).toHaveLength(1);
    await db.query('UPDATE feedback SET rolled_up = true WHERE project_id = $1', [project]);
    await rebuildRollups(db, project);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
    // One row per key, written compacted: nothing fresh, nothing for the compactor to merge.
    expect(await freshRowCount(db, project)).toBe(0);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
    const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_stats_rollup WHERE project_id = $1 AND NOT compacted', [project]);
    expect(left.rows[0]?.n).toBe(0);
  }, 60_000);

  it('writes, purges, backfills and compactions running at once leave the roll-ups exact', async () => {
    const { db } = database();
    const project = 'acme/race';
    const all = rows(project, 240, 20_000); // 80 minutes: a few cells, every writer in the same ones
    const unrolled = rows(project, 60, 60_000, T0 + 30_000);
    await insertFeedback(db, unrolled); // for the backfill to race with the rest
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      work.push(insertFeedback(db, all.filter((_, k) => k % 12 === i), { rollups: true }));
      if (i % 3 === 0) work.push(compactRollups(db));
      if (i % 4 === 1) {
        const from = T0 + i * 300_000;
        work.push(purgeWithRollups(db, { projectId: project, kind: 'filter', createdAfterMs: from, createdBeforeMs: from + 200_000, feedbackType: null, wbUserId: null }));
      }
      if (i % 5 === 2) work.push(backfillRollups(db, { projectId: project, batchRows: 10, maxBatches: 2 }));
    }
    await Promise.all(work);
    await expectRollupsExact(db, project);
    await backfillRollups(db, { projectId: project });
    await compactRollups(db);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
  }, 120_000);

  it('the serving process runs the backfill and the compactor in the background, and stops them', async () => {
    const { db } = database();
    const project = 'acme/jobs';
    await insertFeedback(db, rows(project, 30, 60_000));
    await insertFeedback(db, rows(project, 30, 60_000, T0 + 5_000), { rollups: true });
    await insertFeedback(db, rows(project, 30, 60_000, T0 + 10_000), { rollups: true });
    const jobs = startRollupJobs(db, pino({ level: 'silent' }), 3_600_000);
    const pass = await jobs.runNow();
    await jobs.stop();
    expect(pass.backfilled).toBe(30);
    expect(pass.compaction.deleted).toBeGreaterThan(pass.compaction.written);
    await expectRollupsExact(db, project);
    await expectAllRolledUp(db, project);
    expect(await keysWithSeveralRows(db, project)).toBe(0);
    // Stopped: a pass asked for now does nothing.
    expect(await jobs.runNow()).toEqual({ backfilled: 0, compaction: { deleted: 0, written: 0 } });
  }, 60_000);

  it('a rebuild of a time range touches only the days it overlaps', async () => {
    const { db } = database();
    const project = 'acme/rebuild-range';
    await insertFeedback(db, rows(project, 48, 3_600_000), { rollups: true }); // two days
    await db.query('UPDATE feedback_stats_rollup SET row_count = 1000 WHERE project_id = $1', [project]);
    await rebuildRollups(db, project, T0 + 3_600_000, T0 + 7_200_000); // inside day one
    const diffs = (await verifyRollups(db, project)).differences;
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.every((d) => String(d.key[1]) >= new Date(T0 + 86_400_000).toISOString().slice(0, 10))).toBe(true);
    await rebuildRollups(db, project, T0 + 86_400_000, T0 + 86_400_001);
    await expectRollupsExact(db, project);
  }, 60_000);
});
