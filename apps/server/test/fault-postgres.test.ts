// Nothing lost, nothing doubled: 64 SDK writers create feedback while the PostgreSQL under the
// server is restarted (fast), its backends are killed (pg_terminate_backend), and it crashes
// (immediate stop) and recovers. Afterwards the stored rows are exactly the ids that were
// acknowledged with a 200, no content is stored twice, /readyz reported the outage and the
// recovery, and the only error any attempt saw was a 503.
//
// The cluster is the test's own (initdb in a temporary directory, its own port): the shared
// server the other suites use is never restarted. Runs with the PostgreSQL engine (DATABASE_URL);
// without PostgreSQL's binaries it is skipped locally and fails under CI.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient, FeedbackApiError } from '@feedback/sdk';
import { migrate } from '../src/storage/migrate.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import type { TestEngine } from './support/engines.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';
import { createThrowawayCluster, postgresBinariesOrFailInCi, type ThrowawayCluster } from './support/throwaway-postgres.js';

const onPostgres = (process.env['DATABASE_URL'] ?? '') !== '';
const binDir = onPostgres ? postgresBinariesOrFailInCi() : undefined;

const WRITERS = 64;
const PROJECT = 'acme/fault';
// A 503 this long after a fault has ended still belongs to it (pooled connections that died with
// the server are found dead only when next used).
const FAULT_GRACE_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Seen {
  at: number;
  status: number;
}

interface FaultWindow {
  what: string;
  from: number;
  to: number;
}

describe.runIf(binDir !== undefined)('faults on a PostgreSQL of our own, under 64 writers', () => {
  let cluster: ThrowawayCluster | undefined;
  let srv: TestServer | undefined;

  beforeAll(async () => {
    const c = await createThrowawayCluster(binDir!);
    cluster = c;
    const engine: TestEngine = {
      name: 'postgres',
      async open() {
        // A short connect deadline: during the outage a create is answered 503 at once.
        const db = openPostgres({ connectionString: c.url, maxConnections: 10, statementTimeoutMs: 5_000, connectTimeoutMs: 1_000 });
        await migrate(db);
        return { db, dispose: () => db.close() };
      },
    };
    srv = await startTestServer(engine);
  }, 60_000);

  afterAll(async () => {
    await srv?.close();
    cluster?.destroy();
  }, 60_000);

  it('stores exactly the acknowledged rows; /readyz follows the outage; only 503s during it', async () => {
    const server = srv!;
    const pgCluster = cluster!;
    const attempts: Seen[] = [];
    let networkErrors = 0;
    const client = createFeedbackClient({
      baseUrl: server.baseUrl,
      apiKey: KEYS.alice.key,
      // Every attempt's status, including the ones the SDK retried by itself.
      fetch: async (request) => {
        try {
          const response = await globalThis.fetch(request);
          attempts.push({ at: Date.now(), status: response.status });
          return response;
        } catch (err) {
          networkErrors++;
          throw err;
        }
      },
      timeoutMs: 10_000,
      // Enough to ride out a restart (a few seconds): every create is acknowledged in the end.
      retries: 60,
      retryBaseDelayMs: 20,
      retryMaxDelayMs: 200,
    });

    let writing = true;
    const acknowledged = new Map<string, string>();
    const ackedTwice: string[] = [];
    const failed: { key: string; error: string }[] = [];
    const writer = async (w: number) => {
      for (let seq = 0; writing; seq++) {
        const key = `${w}-${seq}`;
        try {
          // No id: the SDK's own client id is what makes its retries safe.
          const row = await client.create({ project_id: PROJECT, weave_ref: `weave:///${PROJECT}/call/w${w}`, feedback_type: 'custom', payload: { key } });
          if (acknowledged.has(row.id)) ackedTwice.push(row.id);
          acknowledged.set(row.id, key);
        } catch (err) {
          failed.push({ key, error: err instanceof FeedbackApiError ? err.message : String(err) });
        }
      }
    };

    const readiness: Seen[] = [];
    let polling = true;
    const pollReadiness = async () => {
      while (polling) {
        const response = await globalThis.fetch(`${server.baseUrl}/readyz`);
        await response.arrayBuffer();
        readiness.push({ at: Date.now(), status: response.status });
        await sleep(50);
      }
    };

    const faults: FaultWindow[] = [];
    const fault = async (what: string, act: () => Promise<void>) => {
      const from = Date.now();
      await act();
      faults.push({ what, from, to: Date.now() });
    };
    const terminateBackends = async () => {
      const admin = new pg.Client({ connectionString: pgCluster.url });
      await admin.connect();
      try {
        const killed = await admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        );
        expect(killed.rows[0]?.n).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
    };

    const started = Date.now();
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    const poller = pollReadiness();
    await sleep(1_500);
    await fault('restart (fast)', async () => {
      await pgCluster.stop('fast');
      await sleep(1_500);
      await pgCluster.start();
    });
    await sleep(2_000);
    await fault('backends killed', async () => {
      for (let i = 0; i < 3; i++) {
        await terminateBackends();
        await sleep(400);
      }
    });
    await sleep(2_000);
    await fault('crash (immediate) and recovery', async () => {
      await pgCluster.stop('immediate');
      await sleep(1_500);
      await pgCluster.start();
    });
    await sleep(2_000);
    writing = false;
    await Promise.all(writers);
    polling = false;
    await poller;
    const elapsedMs = Date.now() - started;

    // Every create ended acknowledged, and the HTTP server itself never went away.
    expect(failed.slice(0, 5)).toEqual([]);
    expect(networkErrors).toBe(0);
    expect(ackedTwice).toEqual([]);

    // Only 200 and 503, and every 503 during a fault (or just after it).
    const statuses = new Set(attempts.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const outsideFaults = attempts.filter(
      (a) => a.status === 503 && !faults.some((f) => a.at >= f.from && a.at <= f.to + FAULT_GRACE_MS),
    );
    expect(outsideFaults).toEqual([]);

    // /readyz: 503 while PostgreSQL was down, 200 before, after, and at the end.
    expect(new Set(readiness.map((r) => r.status))).toEqual(new Set([200, 503]));
    const downs = readiness.filter((r) => r.status === 503);
    for (const down of downs) expect(faults.some((f) => down.at >= f.from && down.at <= f.to + FAULT_GRACE_MS)).toBe(true);
    const restarts = faults.filter((f) => f.what !== 'backends killed');
    for (const restart of restarts) {
      expect(downs.some((r) => r.at >= restart.from && r.at <= restart.to)).toBe(true);
      expect(readiness.some((r) => r.status === 200 && r.at > restart.to)).toBe(true);
    }
    expect(readiness.at(-1)?.status).toBe(200);

    // Nothing lost, nothing doubled: the stored rows are exactly the acknowledged ids, each
    // content once.
    const stored = await server.db.query<{ id: string; key: string }>(
      `SELECT id, payload->>'key' AS key FROM feedback WHERE project_id = $1`,
      [PROJECT],
    );
    const storedIds = stored.rows.map((r) => r.id).sort();
    expect(storedIds.length).toBe(acknowledged.size);
    expect(storedIds).toEqual([...acknowledged.keys()].sort());
    expect(new Set(stored.rows.map((r) => r.key)).size).toBe(stored.rows.length);
    for (const row of stored.rows) expect(acknowledged.get(row.id)).toBe(row.key);

    const unavailable = attempts.filter((a) => a.status === 503).length;
    console.info(
      `fault suite: ${acknowledged.size} creates acknowledged by ${WRITERS} writers in ${(elapsedMs / 1000).toFixed(1)} s; ` +
        `${attempts.length} attempts, ${unavailable} answered 503 and were retried; /readyz 503 ${downs.length} of ${readiness.length} polls`,
    );
  }, 90_000);
});
