// Embedded PGlite runs in a worker thread (src/storage/pglite-driver.ts): a long statement leaves
// the HTTP thread free, /healthz answers while it runs, and it is ended at the statement timeout
// by ending the thread; callers queued behind it are served by the reopened database, which
// holds every committed row. Transactions keep the single session to themselves. PGlite only:
// on PostgreSQL a long statement never ran on the server's thread (statement-timeout.test.ts
// covers the answers on both engines).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { openPglite } from '../src/storage/pglite-driver.js';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Long enough that /healthz and a 401 are answered well within it on a loaded machine.
const TIMEOUT_MS = 3_000;
// Ten billion rows: it never finishes by itself, only the timeout ends it.
const ENDLESS = 'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b';
const P = 'acme/embedded';
const pglite = testEngines().find((e) => e.name === 'pglite');

async function storedRows(db: Db): Promise<number> {
  const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id = $1', [P]);
  return res.rows[0]?.n ?? -1;
}

describe.runIf(pglite !== undefined)('PGlite in a worker thread', () => {
  let srv: TestServer;
  beforeAll(async () => {
    if (pglite === undefined) return;
    srv = await startTestServer({ name: 'pglite', open: () => pglite.open({ statementTimeoutMs: TIMEOUT_MS }) });
    await srv.client().create(customFeedback(P, { score: 1 }));
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('answers /healthz and requests that need no database while a statement runs; ends it at the timeout; serves the callers queued behind it from the reopened database', async () => {
    let settled = false;
    const endless = srv.db.query(ENDLESS).finally(() => {
      settled = true;
    });
    endless.catch(() => undefined);
    const queued = storedRows(srv.db);

    const health = await fetch(`${srv.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const anonymous = await fetch(`${srv.baseUrl}/feedback/stats`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    // Both were answered on the HTTP thread while the statement was still computing.
    expect(settled).toBe(false);

    await expect(endless).rejects.toMatchObject({ code: '57014', message: expect.stringMatching(/statement timeout/) });
    expect(await queued).toBe(1);
    await srv.client().create(customFeedback(P, { score: 2 }));
    expect(await storedRows(srv.db)).toBe(2);
  }, 60_000);

  it('keeps the session to a transaction until it ends: other callers wait, then see its rows', async () => {
    const before = await storedRows(srv.db);
    let outside: Promise<number> | undefined;
    await srv.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO feedback (project_id, id, created_at, weave_ref, feedback_type, payload, wb_user_id)
        VALUES ($1, 'tx-1', now(), 'weave:///acme/embedded/call/c', 'custom.metric', '{}', 'alice')`, [P]);
      outside = storedRows(srv.db);
      // Time for the outside query to slip in, were the session not held.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await tx.query(`INSERT INTO feedback (project_id, id, created_at, weave_ref, feedback_type, payload, wb_user_id)
        VALUES ($1, 'tx-2', now(), 'weave:///acme/embedded/call/c', 'custom.metric', '{}', 'alice')`, [P]);
    });
    expect(await outside).toBe(before + 2);
  });

  it('loses only the transaction whose statement was ended at the timeout', async () => {
    const before = await storedRows(srv.db);
    const failed = srv.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO feedback (project_id, id, created_at, weave_ref, feedback_type, payload, wb_user_id)
        VALUES ($1, 'lost', now(), 'weave:///acme/embedded/call/c', 'custom.metric', '{}', 'alice')`, [P]);
      await tx.query(ENDLESS);
    });
    await expect(failed).rejects.toMatchObject({ code: '57014' });
    expect(await storedRows(srv.db)).toBe(before);
  }, 60_000);
});

describe.runIf(pglite !== undefined)('PGlite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feedback-embedded-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps committed rows across a statement ended at the timeout and across close and reopen', async () => {
    const first = await openPglite(dir, { statementTimeoutMs: TIMEOUT_MS });
    try {
      await migrate(first);
      await first.query(`INSERT INTO feedback (project_id, id, created_at, weave_ref, feedback_type, payload, wb_user_id)
        VALUES ($1, 'kept', now(), 'weave:///acme/embedded/call/c', 'custom.metric', '{}', 'alice')`, [P]);
      await expect(first.query(ENDLESS)).rejects.toMatchObject({ code: '57014' });
      expect(await storedRows(first)).toBe(1);
    } finally {
      await first.close();
    }
    await expect(first.query('SELECT 1')).rejects.toThrow(/closed/);
    const second = await openPglite(dir);
    try {
      expect(await storedRows(second)).toBe(1);
    } finally {
      await second.close();
    }
  }, 90_000);
});
