// Backdated rows (docs/semantics.md): batch items with created_at, on each engine. Only keys that
// name the `backfill` scope may send it — stored and environment keys without a list of scopes do
// not get it — the rows are stored, answered, counted by stats and rolled up at their own
// instants, and a retry must repeat the instant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackApiError, type FeedbackCreateBatchItem } from '@feedback/sdk';
import { insertKey } from '../src/keys/key-admin.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { expectAllRolledUp, expectRollupsExact, rolledUpCounts } from './support/rollup-checks.js';
import { bucketCounts } from './support/stats-buckets.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

const NY = 'America/New_York';

function item(project: string, i: number, createdAt: string | undefined, id = `r-${i}`): FeedbackCreateBatchItem {
  const body = customBody({ project_id: project, weave_ref: `weave:///${project}/call/c${i % 3}`, id, payload: { score: i % 5, ok: i % 2 === 0 } });
  return createdAt === undefined ? body : { ...body, created_at: createdAt };
}

async function failure(p: Promise<unknown>): Promise<FeedbackApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FeedbackApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe.each(testEngines())('backdated batch rows on $name', (engine) => {
  let srv: TestServer;
  let backfillKey: string;
  let plainKey: string;
  beforeAll(async () => {
    srv = await startTestServer(engine);
    backfillKey = 'backfill-key-0123456789';
    plainKey = 'plain-key-0123456789';
    await insertKey(srv.db, { key: backfillKey, userId: 'alice', projects: ['acme/*'], scopes: ['ingest', 'read', 'backfill'] });
    // No scopes given: the default, which must not include backfill.
    await insertKey(srv.db, { key: plainKey, userId: 'alice', projects: ['acme/*'] });
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  it('a key without the backfill scope (stored or from the environment, scopes left out) gets a 403 naming it', async () => {
    for (const key of [plainKey, KEYS.alice.key]) {
      const err = await failure(srv.client(key).createBatch({ batch: [item('acme/plain', 0, '2024-05-01T00:00:00Z')] }));
      expect(err.status).toBe(403);
      expect(err.reason).toBe('batch[0]: This key lacks the "backfill" scope that a created_at in /feedback/batch/create needs');
      // The same item undated is written at the server's instant.
      const ok = await srv.client(key).createBatch({ batch: [item('acme/plain', 0, undefined, `undated-${key}`)] });
      expect(ok.res[0]?.created_at).toBe('2024-06-01T12:00:00.000Z');
    }
  }, 60_000);

  it('stores each row at its created_at; stats count them in New York days across the spring-forward day', async () => {
    const project = 'acme/backdated';
    const at = ['2024-03-09T12:00:00.000-05:00', '2024-03-10T01:59:59.999-05:00', '2024-03-10T03:00:00-04:00', '2024-03-10T23:30:00-04:00', '2024-03-11T08:00:00Z'];
    const res = await srv.client(backfillKey).createBatch({ batch: at.map((t, i) => item(project, i, t)) });
    expect(res.res.map((r) => r.created_at)).toEqual(at.map((t) => new Date(Date.parse(t)).toISOString()));
    const stats = await srv.client(backfillKey).stats({ project_id: project, start: '2024-03-09T05:00:00Z', end: '2024-03-12T04:00:00Z', granularity: 86_400, timezone: NY });
    expect(stats.buckets?.map((b) => b.timestamp)).toEqual(['2024-03-09T00:00:00-05:00', '2024-03-10T00:00:00-05:00', '2024-03-11T00:00:00-04:00']);
    expect(bucketCounts(stats)).toEqual([1, 3, 1]);
  }, 60_000);

  it('a retry with the same created_at answers the stored row; another created_at is a 409', async () => {
    const project = 'acme/backdated-retry';
    const first = await srv.client(backfillKey).createBatch({ batch: [item(project, 1, '2024-04-01T10:00:00Z', 'same')] });
    const again = await srv.client(backfillKey).createBatch({ batch: [item(project, 1, '2024-04-01T12:00:00+02:00', 'same')] });
    expect(again).toEqual(first);
    const err = await failure(srv.client(backfillKey).createBatch({ batch: [item(project, 1, '2024-04-01T10:00:00.001Z', 'same')] }));
    expect(err.status).toBe(409);
    // An undated item names no instant: as without this extension, the stored row answers it.
    const undated = await srv.client(backfillKey).createBatch({ batch: [item(project, 1, undefined, 'same')] });
    expect(undated).toEqual(first);
  }, 60_000);

  it('a created_at in the future, before 2000, or finer than milliseconds is a 422 at its place', async () => {
    for (const bad of ['2024-06-01T12:05:00.001Z', '1999-12-31T23:59:59Z', '2024-05-01T00:00:00.0001Z', '2024-05-01T00:00:00', '2024-05-01']) {
      const err = await failure(srv.client(backfillKey).createBatch({ batch: [item('acme/bad', 0, undefined, 'ok'), item('acme/bad', 1, bad)] }));
      expect(err.status, bad).toBe(422);
      expect(err.detail?.[0]?.loc, bad).toEqual(['body', 'batch', 1, 'created_at']);
    }
  }, 60_000);

  it('rows are rolled up into the cells of their own created_at: verify finds no difference', async () => {
    const project = 'acme/backdated-rollups';
    const day = 86_400_000;
    const base = Date.parse('2024-03-01T00:00:00Z');
    for (let b = 0; b < 3; b++) {
      const batch = Array.from({ length: 30 }, (_, i) => item(project, b * 30 + i, new Date(base + ((b * 30 + i) * day) / 7 + i * 60_000).toISOString()));
      await srv.client(backfillKey).createBatch({ batch });
    }
    // And rows at the server's instant beside them.
    await srv.client(backfillKey).createBatch({ batch: [item(project, 100, undefined), item(project, 101, undefined)] });
    await expectRollupsExact(srv.db, project);
    await expectAllRolledUp(srv.db, project);
    expect((await rolledUpCounts(srv.db, project)).raw).toBe(92);
    const days = await srv.db.query<{ n: number }>(
      "SELECT count(DISTINCT date_trunc('day', created_at AT TIME ZONE 'UTC'))::int AS n FROM feedback WHERE project_id = $1",
      [project],
    );
    expect(days.rows[0]?.n).toBeGreaterThan(10);
  }, 60_000);
});
