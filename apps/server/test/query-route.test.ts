// /feedback/query through the HTTP stack: the answer-size rule (16 MiB of rows) with payloads near
// the 1 MiB limit, the statement's read guard, and deep paging with the cursor over many rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_ANSWER_BYTES, checkQueryRequest } from '@feedback/semantics';
import type { FeedbackQueryRes } from '@feedback/api-types';
import { QUERY_READ_GUARD_BYTES, runFeedbackQuery } from '../src/sql/feedback-query.js';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const BIG = 'acme/query-big';
const MANY = 'acme/query-many';
const T0 = Date.parse('2024-06-01T00:00:00Z');
/** 17 rows of ~1 MB payloads: 17 MB of JSON, over the 16 MiB an answer may hold; 16 of them fit. */
const BIG_ROWS = 17;
const note = 'x'.repeat(1_000_000);

describe.each(testEngines())('query route on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, Array.from({ length: BIG_ROWS }, (_, i) => ({ at: T0 + i, body: customFeedback(BIG, { note }) })));
    await seedFeedback(srv.db, Array.from({ length: 5_000 }, (_, i) => ({ at: T0 + Math.floor(i / 3), body: customFeedback(MANY, { i }) })));
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('refuses rows over 16 MiB of JSON with a 400 that says how to ask for less; fewer rows or fields pass', async () => {
    const all = await srv.post('/feedback/query', JSON.stringify({ project_id: BIG }));
    expect(all.status).toBe(400);
    expect((all.body as { reason: string }).reason).toMatch(/more than 16,777,216 bytes of JSON \(16 MiB\)\. Ask for fewer rows/);
    const ids = await srv.post('/feedback/query', JSON.stringify({ project_id: BIG, fields: ['id'] }));
    expect(ids.status).toBe(200);
    expect((ids.body as FeedbackQueryRes).result).toHaveLength(BIG_ROWS);
    const fewer = await srv.post('/feedback/query', JSON.stringify({ project_id: BIG, limit: 16 }));
    expect(fewer.status).toBe(200);
    expect((fewer.body as FeedbackQueryRes).next_cursor).not.toBeNull();
    expect(MAX_QUERY_ANSWER_BYTES).toBe(16 * 1024 * 1024);
  }, 60_000);

  it('the statement stops reading past its guard: it never hands back more rows than that holds, plus one', async () => {
    // 17 MB of rows is under the 64 MiB guard: every row comes back, and the rule above refuses them.
    const under = await runFeedbackQuery(srv.db, checkQueryRequest({ project_id: BIG }));
    expect(under).toMatchObject({ overGuard: false });
    expect(under.rows).toHaveLength(BIG_ROWS);
    expect(QUERY_READ_GUARD_BYTES).toBe(4 * MAX_QUERY_ANSWER_BYTES);
  }, 60_000);

  it('a body nested a million levels deep is a 400 before the recursive schema is walked, never a 500', async () => {
    const deep = `{"project_id": "${MANY}", "query": {"$expr": {"$eq": [{"$getField": "payload.a"}, {"$literal": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}]}}}`;
    const res = await srv.post('/feedback/query', deep);
    expect(res.status).toBe(400);
    expect((res.body as { reason: string }).reason).toMatch(/^JSON nested too deeply at .*: at most 64 levels/);
    // The server is still up and answering.
    expect((await srv.post('/feedback/query', JSON.stringify({ project_id: MANY, limit: 1, fields: ['id'] }))).status).toBe(200);
  }, 60_000);

  it('the SDK pages through 5,000 rows with the cursor, each once, in order', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of srv.client().queryPages({ project_id: MANY, fields: ['id', 'created_at'], limit: 999 })) {
      pages++;
      ids.push(...page.map((r) => r['id'] as string));
    }
    expect(pages).toBe(6);
    expect(new Set(ids).size).toBe(5_000);
    const offsetPage = (await srv.client().query({ project_id: MANY, fields: ['id'], limit: 10, offset: 4_990 })).result.map((r) => r['id']);
    expect(offsetPage).toEqual(ids.slice(4_990));
  }, 60_000);
});
