// The statement timeout's answers, on each engine (SEMANTICS §0; issue 9, item 4): a read that
// runs past it is a 504 QueryTimeout without Retry-After, since the same query would time out
// again; a create is a 503 with Retry-After (the spec gives create no 504: a write that slow means
// the database is struggling, not that the request asks too much). Afterwards the database answers
// and committed rows are intact. The slow statements are made slow on purpose, so that the test
// depends on no machine's speed: reads by a view that sleeps standing in for the feedback table,
// creates by a trigger that sleeps. PostgreSQL ends them with its statement_timeout; PGlite, which
// cannot cancel a statement, by ending its worker thread and reopening the database.
import type { FeedbackCreateReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTimeoutReason, type ReadEndpoint } from '../src/routes/read-timeout.js';
import type { Db } from '../src/storage/db.js';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const TIMEOUT_MS = 1_000;
const P = 'acme/slow';
const DAY = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };

/** Every read of `feedback` first sleeps a minute: the table is renamed and a view takes its name. */
async function slowReads(db: Db): Promise<void> {
  await db.exec(`ALTER TABLE feedback RENAME TO feedback_rows;
    CREATE VIEW feedback AS SELECT * FROM feedback_rows WHERE (SELECT count(*) FROM pg_sleep(60)) = 1`);
}
async function restoreReads(db: Db): Promise<void> {
  await db.exec('DROP VIEW feedback; ALTER TABLE feedback_rows RENAME TO feedback');
}

/** Every insert into `feedback` first sleeps a minute. */
async function slowWrites(db: Db): Promise<void> {
  await db.exec(`CREATE FUNCTION sleep_a_minute() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$;
    CREATE TRIGGER slow_insert BEFORE INSERT ON feedback FOR EACH ROW EXECUTE FUNCTION sleep_a_minute()`);
}
async function restoreWrites(db: Db): Promise<void> {
  await db.exec('DROP TRIGGER slow_insert ON feedback; DROP FUNCTION sleep_a_minute()');
}

async function storedRows(db: Db): Promise<number> {
  const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id = $1', [P]);
  return res.rows[0]?.n ?? -1;
}

describe.each(testEngines())('statement timeout on $name', (engine) => {
  let srv: TestServer;
  const row = (score: number): FeedbackCreateReq => customFeedback(P, { score });
  const stats = () => srv.post('/feedback/stats', JSON.stringify({ project_id: P, ...DAY, metrics: [{ json_path: 'score' }] }));
  const aggregate = () =>
    srv.post('/feedback/aggregate', JSON.stringify({ project_id: P, after_ms: Date.parse(DAY.start), before_ms: Date.parse(DAY.end) }));
  const reads: [ReadEndpoint, () => ReturnType<TestServer['post']>][] = [
    ['stats', stats],
    ['aggregate', aggregate],
    ['query', () => srv.post('/feedback/query', JSON.stringify({ project_id: P }))],
    ['payloadSchema', () => srv.post('/feedback/payload_schema', JSON.stringify({ project_id: P }))],
  ];

  beforeAll(async () => {
    srv = await startTestServer({ name: engine.name, open: () => engine.open({ statementTimeoutMs: TIMEOUT_MS }) });
    await srv.client().create(row(1));
    expect((await stats()).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('a read (stats, aggregate, query, payload_schema) past the timeout is a 504 QueryTimeout without Retry-After, telling how to ask for less', async () => {
    await slowReads(srv.db);
    try {
      for (const [endpoint, read] of reads) {
        const res = await read();
        expect(res.status, endpoint).toBe(504);
        expect(res.headers.get('retry-after')).toBeNull();
        expect(res.body).toEqual({ error_type: 'QueryTimeout', reason: readTimeoutReason(endpoint) });
      }
      expect(readTimeoutReason('stats')).toMatch(/narrow the time window.*coarser granularity/);
      expect(readTimeoutReason('payloadSchema')).toMatch(/max_rows/);
    } finally {
      await restoreReads(srv.db);
    }
    const after = await stats();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ window_stats: { score: { avg: 1 } } });
    expect(await storedRows(srv.db)).toBe(1);
  }, 60_000);

  it('a create past the timeout is a 503 with Retry-After, and writes nothing; the next create is stored', async () => {
    await slowWrites(srv.db);
    let res: Awaited<ReturnType<TestServer['post']>>;
    try {
      res = await srv.post('/feedback/create', JSON.stringify(row(2)));
    } finally {
      await restoreWrites(srv.db);
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toMatchObject({ error_type: 'ServiceUnavailable' });
    expect(await storedRows(srv.db)).toBe(1);
    await srv.client().create(row(3));
    expect(await storedRows(srv.db)).toBe(2);
  }, 60_000);
});
