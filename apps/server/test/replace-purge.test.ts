// Replace and purge against concurrency, on each engine: the transaction and row locks keep a
// replace all-or-nothing when other requests touch the same rows. (What each endpoint answers is
// in the contract cases, run on the server and the fake alike.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackApiError, type FeedbackReplaceReq } from '@feedback/sdk';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const rowIds = async (srv: TestServer, projectId: string): Promise<string[]> =>
  (await srv.db.query<{ id: string }>('SELECT id FROM feedback WHERE project_id = $1 ORDER BY id', [projectId])).rows.map((r) => r.id);

describe.each(testEngines())('replace and purge under concurrency on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  const replacing = (projectId: string, feedbackId: string, score: number): FeedbackReplaceReq => ({
    ...customBody({ project_id: projectId, weave_ref: `weave:///${projectId}/call/c1` }),
    feedback_id: feedbackId,
    payload: { score },
  });

  it('replaces of one row at once: one wins, the others find it gone (404); one row remains', async () => {
    const project = 'acme/replace-race';
    await srv.client().create({ ...customBody({ project_id: project, weave_ref: `weave:///${project}/call/c1` }), id: 'contested' });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => srv.client().replace(replacing(project, 'contested', i / 10))));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => (e instanceof FeedbackApiError ? e.status : e))).toEqual(Array(5).fill(404));
    expect(await rowIds(srv, project)).toEqual([won[0]?.status === 'fulfilled' ? won[0].value.id : 'none']);
  });

  it('a purge and replaces of the same rows at once leave no half-done replace', async () => {
    const project = 'acme/replace-purge-race';
    const ids = Array.from({ length: 20 }, (_, i) => `row-${String(i).padStart(2, '0')}`);
    for (const id of ids) await srv.client().create({ ...customBody({ project_id: project, weave_ref: `weave:///${project}/call/c1` }), id });
    const purge = srv.client().purge({ project_id: project, where: { wb_user_id: 'alice' } });
    const replaces = ids.map((id) => srv.client().replace(replacing(project, id, 0.5)));
    const [purged, ...replaced] = await Promise.allSettled([purge, ...replaces]);
    if (purged?.status !== 'fulfilled') throw new Error('the purge failed');
    const newIds = replaced.flatMap((o) => (o.status === 'fulfilled' ? [o.value.id] : []));
    // Each replace either ran before the purge (its new row then purged too) or after it (404).
    for (const o of replaced) if (o.status === 'rejected') expect((o.reason as FeedbackApiError).status).toBe(404);
    const left = await rowIds(srv, project);
    expect(left.every((id) => newIds.includes(id))).toBe(true);
    expect(left.some((id) => ids.includes(id))).toBe(false);
    expect((purged.value.num_deleted ?? 0) + left.length).toBe(ids.length);
  });

  it.runIf(engine.name === 'postgres')('a replace whose new id is written by another transaction meanwhile rolls back: the original stays (503)', async () => {
    const project = 'acme/replace-rollback';
    await srv.client().create({ ...customBody({ project_id: project, weave_ref: `weave:///${project}/call/c1` }), id: 'original' });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Another transaction inserts the id the replace will ask for, and holds its commit.
    const other = srv.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO feedback (project_id, id, created_at, weave_ref, feedback_type, payload, wb_user_id) VALUES ($1, 'taken', now(), 'weave:///x/y/call/z', 'custom', '{}', 'bob')`,
        [project],
      );
      await held;
    });
    const replace = srv.post('/feedback/replace', JSON.stringify({ ...replacing(project, 'original', 0.9), id: 'taken' }));
    // The replace has deleted 'original' and waits on the other transaction's row.
    await expect.poll(async () => (await srv.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0]?.n, { timeout: 10_000 }).toBeGreaterThan(0);
    release();
    await other;
    const res = await replace;
    expect(res.status).toBe(503);
    expect(await rowIds(srv, project)).toEqual(['original', 'taken']);
  });
});
