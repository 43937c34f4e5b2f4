// /feedback/stats filters (SEMANTICS §2 "Filters"): project_id and feedback_type exact;
// trigger_ref exact, or a prefix match on the text before a trailing `:*`; null trigger_ref
// never matches. Every row carries a distinct power of two in `v`, so each window sum names
// exactly the rows a filter let through.
import type { FeedbackCreateReq, FeedbackStatsReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { bulkyText, customFeedback, monitorFeedback, monitorRef, runnableFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { apiErrorStatus } from './support/query-errors.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/stats-filters';
const P_NEIGHBOUR = 'acme/stats-filters2';
const P_BULKY = 'acme/stats-filters-bulky';
const ref = (name: string, digest?: string) => monitorRef(P, name, digest);

// [v, body]: v identifies the row in sums.
const ROWS: [number, FeedbackCreateReq][] = [
  [1, monitorFeedback(P, 'judge', ref('mon', 'v1'), { payload: { v: 1 } })],
  [2, monitorFeedback(P, 'judge', ref('mon', 'v2'), { payload: { v: 2 } })],
  [4, monitorFeedback(P, 'judge', ref('monday', 'abc'), { payload: { v: 4 } })],
  [8, monitorFeedback(P, 'judge', ref('other', 'v1'), { payload: { v: 8 } })],
  [16, monitorFeedback(P, 'judge', ref('mon'), { payload: { v: 16 } })],
  [32, runnableFeedback(P, 'judge', { trigger: ref('mon', 'v1'), payload: { output: 1, v: 32 } })],
  [64, customFeedback(P, { v: 64 }, 'custom.a')],
  [128, customFeedback(P, { v: 128 }, 'custom.ab')],
  [256, customFeedback(P, { v: 256 }, 'custom')],
];

describe.each(testEngines())('stats filters on $name', (engine) => {
  let srv: TestServer;
  const sumOf = async (filters: Partial<FeedbackStatsReq>, projectId = P): Promise<number> => {
    const res = await srv.client().stats({
      project_id: projectId, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', granularity: 3600,
      metrics: [{ json_path: 'v', aggregations: ['sum', 'count'] }], ...filters,
    });
    const sum = res.window_stats?.['v']?.['sum'];
    // The bucket grid sees the same rows as the window.
    expect(res.buckets?.[0]?.['sum_v']).toBe(sum);
    expect(res.buckets?.[0]?.count).toBe(res.window_stats?.['v']?.['count']);
    return typeof sum === 'number' ? sum : Number.NaN;
  };

  beforeAll(async () => {
    srv = await startTestServer(engine);
    const at = Date.parse('2024-06-01T00:30:00Z');
    await seedFeedback(srv.db, [
      ...ROWS.map(([, body]) => ({ at, body })),
      { at, body: customFeedback(P_NEIGHBOUR, { v: 512 }, 'custom.a') },
      { at, body: monitorFeedback(P_NEIGHBOUR, 'judge', monitorRef(P_NEIGHBOUR, 'mon', 'v1'), { payload: { v: 1024 } }) },
      { at, body: monitorFeedback(P_BULKY, 'judge', monitorRef(P_BULKY, 'mon', 'v1'), { payload: { v: 1 } }) },
      { at, body: monitorFeedback(P_BULKY, 'judge', monitorRef(P_BULKY, 'mon', 'v1'), { payload: { v: 2, text: bulkyText(20_000) } }) },
      { at, body: customFeedback(P_BULKY, { v: 4, text: bulkyText(20_000) }) },
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('sees only its own project, exactly', async () => {
    expect(await sumOf({})).toBe(511);
    expect(await sumOf({}, P_NEIGHBOUR)).toBe(1536);
    expect(await sumOf({}, 'acme/stats-filter')).toBe(0);
  });

  it('filters feedback_type exactly (no prefix, no wildcard)', async () => {
    expect(await sumOf({ feedback_type: 'custom.a' })).toBe(64);
    expect(await sumOf({ feedback_type: 'custom' })).toBe(256);
    expect(await sumOf({ feedback_type: 'custom.*' })).toBe(0);
    expect(await sumOf({ feedback_type: 'wandb.agent_monitor' })).toBe(1 + 2 + 4 + 8 + 16);
    expect(await sumOf({ feedback_type: 'wandb.runnable.judge' })).toBe(32);
    expect(await sumOf({ feedback_type: null })).toBe(511);
  });

  it('filters trigger_ref exactly', async () => {
    expect(await sumOf({ trigger_ref: ref('mon', 'v1') })).toBe(1 + 32);
    expect(await sumOf({ trigger_ref: ref('mon') })).toBe(16);
    // A trailing * without the colon is part of the exact value.
    expect(await sumOf({ trigger_ref: `${ref('mon')}*` })).toBe(0);
    expect(await sumOf({ trigger_ref: null })).toBe(511);
  });

  it('filters trigger_ref ending in :* by prefix on the text before it (…/mon:* also matches …/monday:abc)', async () => {
    expect(await sumOf({ trigger_ref: ref('mon', '*') })).toBe(1 + 2 + 4 + 16 + 32);
    expect(await sumOf({ trigger_ref: ref('monday', '*') })).toBe(4);
    expect(await sumOf({ trigger_ref: ref('mon', 'v*') })).toBe(0);
  });

  it('never matches a null trigger_ref, even with the empty prefix', async () => {
    expect(await sumOf({ trigger_ref: ':*' })).toBe(1 + 2 + 4 + 8 + 16 + 32);
  });

  it('combines feedback_type and trigger_ref (AND)', async () => {
    expect(await sumOf({ feedback_type: 'wandb.agent_monitor', trigger_ref: ref('mon', '*') })).toBe(1 + 2 + 4 + 16);
    expect(await sumOf({ feedback_type: 'custom.a', trigger_ref: ':*' })).toBe(0);
  });

  it('counts rows with large payloads like any other', async () => {
    expect(await sumOf({}, P_BULKY)).toBe(7);
    expect(await sumOf({ trigger_ref: monitorRef(P_BULKY, 'mon', '*') }, P_BULKY)).toBe(3);
    expect(await sumOf({ feedback_type: 'custom.metric' }, P_BULKY)).toBe(4);
  });

  it('refuses a project the key does not grant (403)', async () => {
    const status = await apiErrorStatus(srv.client(KEYS.bob.key).stats({ project_id: P, start: '2024-06-01T00:00:00Z' }));
    expect(status).toBe(403);
  });
});
