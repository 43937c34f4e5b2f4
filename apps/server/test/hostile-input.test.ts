// Hostile input on all three endpoints: SQL metacharacters, prototype keys, huge arrays, deep
// JSON, unstorable text, wrong content types, malformed and oversized bodies, schema violations.
// Never a 500 (every request below asserts it), and nothing stored changes unless a create was
// accepted, and then only in the projects named acme/hostile… (checked after every test).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackAggregateBucket, FeedbackStatsRes } from '@feedback/sdk';
import { agentMonitorBody, customBody, noteBody, refs, runnableBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { DEEP_JSON_CASES, ENDPOINTS, SCHEMA_VIOLATIONS, VALID_BODY, WINDOW, WINDOW_MS } from './support/hostile-cases.js';
import { PROTOTYPE_KEYS, SQL_INJECTIONS, UNSTORABLE_TEXT } from './support/hostile-values.js';
import { storageFingerprint, type StorageFingerprint } from './support/table-fingerprint.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HOSTILE = 'acme/hostile';

const statsTotal = (res: unknown) => ((res as FeedbackStatsRes).buckets ?? []).reduce((n, b) => n + b.count, 0);
const aggregateBucket = (res: unknown) => (res as { buckets: FeedbackAggregateBucket[] }).buckets[0];

describe.each(testEngines())('hostile input on $name', (engine) => {
  let srv: TestServer;
  let baseline: StorageFingerprint;
  /** A raw request that must never be answered with a 5xx. */
  const send = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await srv.post(path, body, headers);
    expect(res.status, `${path} ${body.slice(0, 160)} → ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
    return res;
  };
  const sendJson = (path: string, body: unknown) => send(path, JSON.stringify(body));
  const stats = (o: object) => sendJson('/feedback/stats', { project_id: 'acme/bot', ...WINDOW, ...o });
  const aggregate = (o: object) => sendJson('/feedback/aggregate', { project_id: 'acme/bot', ...WINDOW_MS, ...o });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    const c = srv.client();
    await c.create(runnableBody({ trigger_ref: refs.object('monitor', 'v1'), scorer_tags: ['helpful'], scorer_ratings: { _rating_: 0.5 }, span_agent_name: 'agent' }));
    await c.create(agentMonitorBody());
    await c.create(noteBody('seed'));
    baseline = await storageFingerprint(srv.db, { excludeProjectsStartingWith: HOSTILE });
  }, 60_000);
  afterEach(async () => {
    expect(await storageFingerprint(srv.db, { excludeProjectsStartingWith: HOSTILE })).toEqual(baseline);
  });
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('SQL metacharacters are data', () => {
    it.each(SQL_INJECTIONS)('stats with %j in project_id, feedback_type, trigger_ref, timezone and json_path', async (s) => {
      expect((await stats({ project_id: s })).status).toBe(422);
      for (const filter of [{ feedback_type: s }, { trigger_ref: s }, { trigger_ref: `${s}:*` }]) {
        const res = await stats(filter);
        expect(res.status).toBe(200);
        expect(statsTotal(res.body)).toBe(0);
      }
      expect((await stats({ timezone: s })).status).toBe(400);
      const path = await stats({ metrics: [{ json_path: s, value_type: 'numeric' }] });
      expect(path.status).toBe(/^[A-Za-z0-9_ ]+$/.test(s) ? 200 : 400);
    });

    it.each(SQL_INJECTIONS)('aggregate with %j in project_id and every filter list', async (s) => {
      expect((await aggregate({ project_id: s })).status).toBe(422);
      for (const field of ['feedback_types', 'tags', 'monitor_ids', 'scorer_ids', 'span_agent_names']) {
        const res = await aggregate({ [field]: [s] });
        expect(res.status).toBe(200);
        // (`[a-z]*` and `.*` are prefix patterns by design, and no id starts with `[a-z]` or `.`.)
        expect(aggregateBucket(res.body)?.total_count).toBe(0);
      }
      expect((await aggregate({ span_types: [s] })).status).toBe(422);
      expect((await aggregate({ group_by: [s] })).status).toBe(422);
    });

    it('LIKE wildcards in prefix filters are literal characters', async () => {
      expect(aggregateBucket((await aggregate({ feedback_types: ['wandb.runnable.'] })).body)?.total_count).toBe(1);
      for (const pattern of ['wandb_runnable.', 'wandb.runnable.%', '%', '_andb']) {
        expect(aggregateBucket((await aggregate({ feedback_types: [pattern] })).body)?.total_count).toBe(0);
      }
      expect(aggregateBucket((await aggregate({ scorer_ids: ['help*'] })).body)?.total_count).toBe(1);
      expect(aggregateBucket((await aggregate({ scorer_ids: ['help%*', 'help_ulness*', '%'] })).body)?.total_count).toBe(0);
      expect(statsTotal((await stats({ trigger_ref: 'weave:///acme/bot/object/mon:*' })).body)).toBe(2);
      expect(statsTotal((await stats({ trigger_ref: 'weave:///acme/bot/object/mon%:*' })).body)).toBe(0);
      expect(statsTotal((await stats({ trigger_ref: 'weave:///acme/bot/object/m_nitor:*' })).body)).toBe(0);
    });

    it.each(SQL_INJECTIONS)('create stores %j verbatim in every string field, and the filters find it again', async (s) => {
      const plain = await sendJson('/feedback/create', {
        project_id: HOSTILE,
        weave_ref: s,
        feedback_type: s,
        creator: s,
        queue_id: s,
        payload: { [s]: s, nested: { [s]: [s] } },
        span_agent_name: s,
        span_agent_version: s,
        span_conversation_id: s,
        span_trace_id: s,
        scorer_trace_id: s,
      });
      expect(plain.status).toBe(200);
      const plainId = (plain.body as { id: string }).id;
      const scored = await sendJson('/feedback/create', {
        ...runnableBody({ project_id: HOSTILE, runnable_ref: `weave:///${HOSTILE}/object/helpfulness:v1` }),
        payload: { output: s },
        scorer_tags: [s],
        scorer_tag_reasons: { [s]: s },
        scorer_ratings: { [s]: 0.25 },
      });
      expect(scored.status).toBe(200);

      const row = await srv.db.query<Record<string, unknown>>(
        `SELECT weave_ref, feedback_type, creator, queue_id, payload, span_agent_name, span_agent_version,
                span_conversation_id, span_trace_id, scorer_trace_id FROM feedback WHERE project_id = $1 AND id = $2`,
        [HOSTILE, plainId],
      );
      expect(row.rows).toEqual([
        {
          weave_ref: s, feedback_type: s, creator: s, queue_id: s, payload: { [s]: s, nested: { [s]: [s] } },
          span_agent_name: s, span_agent_version: s, span_conversation_id: s, span_trace_id: s, scorer_trace_id: s,
        },
      ]);
      const byType = await stats({ project_id: HOSTILE, feedback_type: s });
      expect(statsTotal(byType.body)).toBe(1);
      const byTag = await aggregate({ project_id: HOSTILE, tags: [s] });
      expect(aggregateBucket(byTag.body)).toMatchObject({ total_count: 1, tag_counts: { [s]: 1 }, rating_counts: { [s]: 1 }, rating_sums: { [s]: 0.25 } });
      const byAgent = await aggregate({ project_id: HOSTILE, span_agent_names: [s] });
      expect(aggregateBucket(byAgent.body)?.total_count).toBe(1);
    });

    it('a client id made of SQL metacharacters is just an id', async () => {
      for (const id of SQL_INJECTIONS.filter((s) => !/\s/.test(s))) {
        const res = await sendJson('/feedback/create', customBody({ project_id: HOSTILE, id }));
        expect(res.body).toMatchObject({ id });
      }
      for (const id of SQL_INJECTIONS.filter((s) => /\s/.test(s))) {
        expect((await sendJson('/feedback/create', customBody({ project_id: HOSTILE, id }))).status).toBe(400);
      }
    });
  });

  describe('keys special to JavaScript objects', () => {
    it('are stored and returned as ordinary payload keys', async () => {
      const payloadJson = `{${PROTOTYPE_KEYS.map((k) => `"${k}":{"score":0.5}`).join(',')}}`;
      const res = await send('/feedback/create', `{"project_id":"${HOSTILE}","weave_ref":"w","feedback_type":"proto","payload":${payloadJson}}`);
      expect(res.status).toBe(200);
      expect(JSON.stringify((res.body as { payload: unknown }).payload)).toBe(payloadJson);
      const stored = await srv.db.query<{ keys: string[] }>(
        "SELECT array(SELECT jsonb_object_keys(payload) ORDER BY 1) AS keys FROM feedback WHERE project_id = $1 AND feedback_type = 'proto'",
        [HOSTILE],
      );
      expect(stored.rows).toEqual([{ keys: [...PROTOTYPE_KEYS].sort() }]);
    });

    it('are counted like any other tag and rating key by /feedback/aggregate', async () => {
      const ratings = `{${PROTOTYPE_KEYS.map((k) => `"${k}":0.5`).join(',')}}`;
      const body = JSON.stringify(runnableBody({ project_id: `${HOSTILE}-keys`, runnable_ref: `weave:///${HOSTILE}-keys/object/helpfulness:v1`, scorer_tags: [...PROTOTYPE_KEYS] }));
      expect((await send('/feedback/create', body.replace(/\}$/, `,"scorer_ratings":${ratings}}`))).status).toBe(200);
      const res = await aggregate({ project_id: `${HOSTILE}-keys` });
      const expected = Object.fromEntries([...PROTOTYPE_KEYS].sort().map((k) => [k, 1]));
      const bucket = aggregateBucket(res.body);
      expect(Object.entries(bucket?.tag_counts ?? {})).toEqual(Object.entries(expected));
      expect(Object.entries(bucket?.rating_counts ?? {})).toEqual(Object.entries(expected));
      expect(Object.entries(bucket?.rating_sums ?? {})).toEqual(Object.entries(expected).map(([k]) => [k, 0.5]));
    });

    it('are metric slugs like any other in /feedback/stats', async () => {
      const payload = `{${PROTOTYPE_KEYS.map((k) => `"${k}":0.5`).join(',')}}`;
      expect((await send('/feedback/create', `{"project_id":"${HOSTILE}-stats","weave_ref":"w","feedback_type":"t","payload":${payload}}`)).status).toBe(200);
      const res = await stats({ project_id: `${HOSTILE}-stats`, metrics: PROTOTYPE_KEYS.map((k) => ({ json_path: k, value_type: 'numeric', aggregations: ['sum'] })) });
      expect(res.status).toBe(200);
      const windowStats = (res.body as FeedbackStatsRes).window_stats ?? {};
      expect(Object.entries(windowStats)).toEqual(PROTOTYPE_KEYS.map((k) => [k, { sum: 0.5 }]));
    });
  });

  describe('huge arrays are a 422 of one small entry naming the list (the schema bounds every list)', () => {
    const many = (prefix: string, n = 100_000) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const FILTERS = ['tags', 'feedback_types', 'monitor_ids', 'scorer_ids', 'span_agent_names'];
    /** A 422 whose one detail entry is `type` at `loc`, in a body of a few hundred bytes. */
    const expectOneEntry = (res: { status: number; body: unknown }, loc: (string | number)[], type: string) => {
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ detail: [{ loc: ['body', ...loc], msg: expect.any(String), type }] });
      expect(JSON.stringify(res.body).length).toBeLessThan(1_000);
    };

    it.each(FILTERS)('aggregate with 100,000 %s', async (field) => {
      expectOneEntry(await aggregate({ [field]: many('no-such-') }), [field], 'too_long');
    });

    it.each(FILTERS)('aggregate with 100 %s (the most allowed) still filters exactly', async (field) => {
      // One value among them matches seeded rows: the runnable row, and for monitor_ids the monitor row too.
      const match = { tags: 'helpful', feedback_types: 'wandb.runnable.', monitor_ids: 'monitor', scorer_ids: 'helpfulness', span_agent_names: 'agent' }[field];
      const res = await aggregate({ [field]: [...many('no-such-', 99), match] });
      expect(res.status).toBe(200);
      expect(aggregateBucket(res.body)?.total_count).toBe(field === 'monitor_ids' ? 2 : 1);
    });

    it('aggregate with 100,000 repeated group_by and span_types entries', async () => {
      expectOneEntry(await aggregate({ group_by: Array(100_000).fill('scorer_id') }), ['group_by'], 'too_long');
      expectOneEntry(await aggregate({ span_types: Array(100_000).fill('agent_turn') }), ['span_types'], 'too_long');
    });

    it('create with 100,000 scorer_tags', async () => {
      const res = await sendJson('/feedback/create', runnableBody({ project_id: HOSTILE, runnable_ref: `weave:///${HOSTILE}/object/helpfulness:v1`, scorer_tags: many('t') }));
      expectOneEntry(res, ['scorer_tags'], 'too_long');
    });

    it('a body of 500,000 mistyped list items is refused with one entry', async () => {
      const res = await send('/feedback/aggregate', JSON.stringify({ project_id: 'acme/bot', ...WINDOW_MS, tags: Array(500_000).fill(1) }));
      expect(res.status).toBe(422);
      expect((res.body as { detail: unknown[] }).detail).toHaveLength(1);
      expect(JSON.stringify(res.body).length).toBeLessThan(1_000);
    });

    it('stats with thousands of metrics is refused clearly or answered, never a 500', async () => {
      const metrics = Array.from({ length: 2_000 }, (_, i) => ({ json_path: `m${i}`, value_type: 'numeric' }));
      const res = await stats({ metrics });
      expect([200, 400, 413, 422]).toContain(res.status);
    });

    it('stats with 10,000 distinct percentiles', async () => {
      const percentiles = Array.from({ length: 10_000 }, (_, i) => i / 100);
      expectOneEntry(await stats({ metrics: [{ json_path: 'x', value_type: 'numeric', percentiles }] }), ['metrics', 0, 'percentiles'], 'too_long');
    });
  });

  describe('deep JSON (10,000 levels) is a clear 4xx', () => {
    it.each(DEEP_JSON_CASES)('%s', async (_label, path, body, status) => {
      const res = await send(path, body);
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body).length).toBeLessThan(10_000);
    });
  });

  describe('NUL and lone surrogates are refused (400)', () => {
    const createFields = (t: string): object[] => [
      customBody({ payload: { v: t } }),
      customBody({ payload: { [t]: 1 } }),
      customBody({ payload: { deep: [{ x: [t] }] } }),
      customBody({ weave_ref: t }),
      customBody({ feedback_type: t }),
      customBody({ creator: t }),
      customBody({ id: `id${t}` }),
      customBody({ span_agent_name: t }),
      runnableBody({ scorer_tags: [t] }),
      runnableBody({ scorer_tag_reasons: { [t]: 'r' } }),
    ];
    it.each(UNSTORABLE_TEXT)('%j anywhere in a create body', async (t) => {
      for (const body of createFields(t)) {
        const res = await sendJson('/feedback/create', body);
        expect({ status: res.status, type: (res.body as { error_type?: string }).error_type }).toEqual({ status: 400, type: 'InvalidRequest' });
      }
    });

    it.each(UNSTORABLE_TEXT)('%j in any string of a stats or aggregate body', async (t) => {
      for (const o of [{ feedback_type: t }, { trigger_ref: t }, { timezone: t }, { metrics: [{ json_path: t }] }]) {
        expect((await stats(o)).status).toBe(400);
      }
      for (const field of ['tags', 'feedback_types', 'monitor_ids', 'scorer_ids', 'span_agent_names']) {
        expect((await aggregate({ [field]: ['ok', t] })).status).toBe(400);
      }
      for (const path of ENDPOINTS) {
        expect((await sendJson(path, { ...VALID_BODY[path], project_id: `acme/${t}` })).status).toBe(422);
      }
    });
  });

  describe('transport', () => {
    it.each([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/json; charset=latin1',
      'application/json; charset=utf-7',
      'application/json; charset=utf-32',
      '',
    ])('content type %j is a 415 on every endpoint', async (type) => {
      for (const path of ENDPOINTS) {
        const res = await send(path, JSON.stringify(VALID_BODY[path]), { 'content-type': type });
        expect(res.status).toBe(415);
        expect(res.body).toEqual({ reason: expect.any(String), error_type: 'UnsupportedMediaType' });
      }
    });

    it.each(['{', '{"project_id":}', "{'project_id':'acme/bot'}", '{"a":1,}', 'NaN', '{"a":1}{"b":2}', '{"a":"\\x"}', 'undefined'])(
      'malformed JSON %j is a 422 at body on every endpoint',
      async (text) => {
        for (const path of ENDPOINTS) {
          const res = await send(path, text);
          expect(res.status).toBe(422);
          expect(res.body).toMatchObject({ detail: [{ loc: ['body'] }] });
        }
      },
    );

    it('a body over 2 MiB is a 413 on every endpoint', async () => {
      for (const path of ENDPOINTS) {
        const res = await send(path, JSON.stringify({ ...VALID_BODY[path], pad: 'x'.repeat(2 * 1024 * 1024) }));
        expect(res.status).toBe(413);
        expect(res.body).toEqual({ reason: expect.any(String), error_type: 'PayloadTooLarge' });
      }
    });

    it('a payload over 1 MiB is a 413; exactly 1 MiB is accepted', async () => {
      const wrapper = '{"s":""}'.length;
      const exact = customBody({ project_id: HOSTILE, payload: { s: 'x'.repeat(1024 * 1024 - wrapper) } });
      expect((await sendJson('/feedback/create', exact)).status).toBe(200);
      const over = customBody({ project_id: HOSTILE, payload: { s: 'x'.repeat(1024 * 1024 - wrapper + 1) } });
      const res = await sendJson('/feedback/create', over);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ reason: expect.any(String), error_type: 'PayloadTooLarge' });
    });
  });

  describe('schema violations are 422 with the loc of each', () => {
    it.each(SCHEMA_VIOLATIONS)('%s on %s', async (_label, path, body, loc) => {
      const res = await sendJson(path, body);
      expect(res.status).toBe(422);
      const detail = (res.body as { detail: { loc: unknown[]; msg: unknown; type: unknown }[] }).detail;
      expect(detail).toContainEqual({ loc, msg: expect.any(String), type: expect.any(String) });
    });
  });
});
