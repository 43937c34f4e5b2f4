// Roll-ups kept by every write path, on each engine: after create (group insert), batch create
// (atomic and not), import, replace and purge, `rollups verify` finds no difference from the raw
// rows, and every row is counted once per level. Retries and duplicates count nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import { importLines } from '../src/import/import-jsonl.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { expectAllRolledUp, expectRollupsExact, rolledUpCounts } from './support/rollup-checks.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');

/** A varied body: numbers, booleans, nesting, strings, arrays, tags and ratings. */
function body(project: string, i: number, o: Partial<FeedbackCreateReq> = {}): FeedbackCreateReq {
  return customBody({
    project_id: project,
    weave_ref: `weave:///${project}/call/c${i % 3}`,
    feedback_type: i % 2 === 0 ? 'custom' : `wandb.runnable.judge_${i % 3}`,
    runnable_ref: i % 2 === 0 ? undefined : `weave:///${project}/object/judge_${i % 3}:v1`,
    trigger_ref: i % 2 === 0 || i % 5 === 0 ? undefined : `weave:///${project}/object/mon_${i % 4}:v1`,
    payload: { score: (i % 7) / 4 - 0.5, ok: i % 3 === 0, output: { len: i, text: `t${i}`, deep: { zero: 0 } }, list: [1, 2], 'odd.key': 5 },
    // Scorer fields only on runnable feedback (the create rules).
    scorer_tags: i % 2 === 1 && i % 3 === 0 ? ['a', 'b', 'a'] : undefined,
    scorer_ratings: i % 2 === 1 && i % 5 !== 0 ? { _rating_: (i % 5) / 4, other: (i % 10) / 10 } : undefined,
    ...o,
  });
}

describe.each(testEngines())('roll-ups kept by the write paths on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  it('create, concurrently into the same cells, and its retries', async () => {
    const project = 'acme/rollup-create';
    await Promise.all(Array.from({ length: 40 }, (_, i) => srv.client().create({ ...body(project, i), id: `row-${i}` })));
    // Retries of the same client ids (same content): answered 200, counted nothing.
    await Promise.all(Array.from({ length: 10 }, (_, i) => srv.client().create({ ...body(project, i), id: `row-${i}` })));
    await expectRollupsExact(srv.db, project);
    await expectAllRolledUp(srv.db, project);
    expect((await rolledUpCounts(srv.db, project)).raw).toBe(40);
  }, 60_000);

  it('a payload over the leaf bounds is stored unrolled, counted nowhere', async () => {
    const project = 'acme/rollup-overflow';
    const wide = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    await srv.client().create(customBody({ project_id: project, weave_ref: `weave:///${project}/call/c`, payload: wide }));
    await srv.client().create(customBody({ project_id: project, weave_ref: `weave:///${project}/call/c`, payload: { a: 1 } }));
    await expectRollupsExact(srv.db, project);
    const c = await rolledUpCounts(srv.db, project);
    expect(c).toEqual({ byLevel: { 900: 1, 3600: 1, 86400: 1 }, flagged: 1, raw: 2 });
    const flags = await srv.db.query<{ rolled_up: boolean | null }>('SELECT rolled_up FROM feedback WHERE project_id = $1 ORDER BY rolled_up', [project]);
    expect(flags.rows.map((r) => r.rolled_up)).toEqual([false, true]);
  }, 60_000);

  it('batch create, atomic and not, with a retried batch', async () => {
    const project = 'acme/rollup-batch';
    const batch = Array.from({ length: 30 }, (_, i) => ({ ...body(project, i), id: `b-${i}` }));
    await srv.client().createBatch({ batch });
    await srv.client().createBatch({ batch });
    const mixed = [{ ...body(project, 100), id: 'b-100' }, { ...body(project, 100), id: 'b-bad', trigger_ref: `weave:///${project}/object/mon:v1` }, { ...body(project, 102), id: 'b-102' }];
    await srv.client().createBatch({ batch: mixed, atomic: false });
    await expectRollupsExact(srv.db, project);
    await expectAllRolledUp(srv.db, project);
    expect((await rolledUpCounts(srv.db, project)).raw).toBe(32);
  }, 60_000);

  it('import, run twice (the second skips every line as a duplicate)', async () => {
    const project = 'acme/rollup-import';
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ ...body(project, i), id: `imp-${i}`, created_at: new Date(T0 - i * 600_000).toISOString(), wb_user_id: 'alice' }),
    );
    const source = async function* () {
      yield lines.join('\n');
    };
    const first = await importLines(srv.db, source(), { batchRows: 7, rollups: true });
    const second = await importLines(srv.db, source(), { batchRows: 7, rollups: true });
    expect(first.errors).toEqual([]);
    expect([first.inserted, second.inserted, second.duplicates]).toEqual([50, 0, 50]);
    await expectRollupsExact(srv.db, project);
    await expectAllRolledUp(srv.db, project);
  }, 60_000);

  it('replace and purge recompute the cells they remove rows from', async () => {
    const project = 'acme/rollup-remove';
    const lines = Array.from({ length: 60 }, (_, i) =>
      JSON.stringify({ ...body(project, i), id: `r-${i}`, created_at: new Date(T0 - i * 1_000_000).toISOString(), wb_user_id: i % 2 === 0 ? 'alice' : 'bob' }),
    );
    await importLines(srv.db, (async function* () { yield lines.join('\n'); })(), { rollups: true });
    for (const i of [0, 5, 17]) {
      await srv.client().replace({ ...body(project, i + 1000), feedback_id: `r-${i}` });
    }
    await expectRollupsExact(srv.db, project);
    // Rows r-1 … r-3 (created T0 − 1e6, − 2e6, − 3e6 ms).
    await srv.client().purge({ project_id: project, where: { created_after: new Date(T0 - 3_000_000).toISOString(), created_before: new Date(T0 - 500_000).toISOString() } });
    await expectRollupsExact(srv.db, project);
    await srv.client().purge({ project_id: project, where: { wb_user_id: 'bob' } });
    await expectRollupsExact(srv.db, project);
    await expectAllRolledUp(srv.db, project);
    expect((await rolledUpCounts(srv.db, project)).raw).toBeGreaterThan(20);
  }, 60_000);
});
