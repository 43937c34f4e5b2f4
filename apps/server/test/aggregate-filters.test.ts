// /feedback/aggregate filters (SEMANTICS §3 "Filters"): the time range to the millisecond,
// feedback_types prefixes, monitor_ids/scorer_ids on object ids (exact or `*` prefix),
// span_agent_names, span_types, tags, rating bounds; AND across fields, OR within a list.
// Each row has a unique span_agent_version (its name), so grouping by it lists exactly the
// rows a filter let through; the bare total must agree.
import type { FeedbackAggregateReq, FeedbackCreateReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { bulkyText, customFeedback, monitorFeedback, monitorRef, runnableFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/agg-filters';
const T0 = Date.parse('2024-06-01T10:00:00Z');
const T1 = T0 + 3_600_000;
const turn = (id: string) => `weave:///${P}/agent_turn/${id}`;
const conversation = (id: string) => `weave:///${P}/agent_conversation/${id}`;

// [name (= span_agent_version), created_at, body]. Scorer id = the runnable_ref's object name;
// monitor id = the trigger_ref's (…/mon:v1 → mon); both '' without the ref.
const ROWS: [string, number, FeedbackCreateReq][] = [
  ['r01', T0, runnableFeedback(P, 'scorer_a', { version: 'r01', tags: ['a', 'b'], ratings: { _rating_: 0 }, agent: 'bot', weaveRef: turn('t1'), trigger: monitorRef(P, 'mon', 'v1') })],
  ['r02', T0 + 1, runnableFeedback(P, 'scorer_ab', { version: 'r02', tags: ['b'], ratings: { _rating_: 0.25 }, agent: 'bot2', weaveRef: conversation('c1') })],
  ['r03', T0 + 2, runnableFeedback(P, 'scorer_b', { version: 'r03', tags: ['c'], ratings: { _rating_: 0.5 } })],
  ['r04', T0 + 3, monitorFeedback(P, 'scorer_a', monitorRef(P, 'monday', 'abc'), { version: 'r04', ratings: { _rating_: 1 }, agent: 'bot', weaveRef: turn('t2') })],
  ['r05', T0 + 4, monitorFeedback(P, 'mon_scorer', monitorRef(P, 'other'), { version: 'r05', ratings: { quality: 0.75 }, agent: 'Bot' })],
  ['r06', T0 + 5, { project_id: P, weave_ref: conversation('c2'), feedback_type: 'wandb.agent_user_feedback', payload: {}, scorer_tags: ['a'], span_agent_name: 'bot', span_agent_version: 'r06' }],
  ['r07', T0 + 6, { ...customFeedback(P, { note: 'hi' }, 'wandb.note.1'), span_agent_version: 'r07' }],
  ['r08', T0 + 7, { ...customFeedback(P, {}, 'custom.metric'), span_agent_version: 'r08' }],
  ['r09', T0 + 8, runnableFeedback(P, 'scorer_a', { version: 'r09', tags: ['d'], ratings: { _rating_: 0.75 }, agent: 'bot', status: 'ERROR', trigger: monitorRef(P, 'mon', 'v2') })],
  ['r10', T0 - 1, { ...customFeedback(P, {}), span_agent_version: 'r10' }],
  ['r11', T1, { ...customFeedback(P, {}), span_agent_version: 'r11' }],
  ['r12', T1 - 1, { ...customFeedback(P, {}), span_agent_version: 'r12' }],
];
const P_BULKY = 'acme/agg-filters-bulky';
const IN_WINDOW = ['r01', 'r02', 'r03', 'r04', 'r05', 'r06', 'r07', 'r08', 'r09', 'r12'];

type Filters = Omit<FeedbackAggregateReq, 'project_id' | 'after_ms' | 'before_ms' | 'group_by' | 'time_bucket_seconds'>;

describe.each(testEngines())('aggregate filters on $name', (engine) => {
  let srv: TestServer;
  /** The names of the matching rows, in code point order; checks the bare total agrees. */
  const matching = async (filters: Filters, window: { after_ms: number; before_ms: number } = { after_ms: T0, before_ms: T1 }): Promise<string[]> => {
    const c = srv.client();
    const grouped = await c.aggregate({ project_id: P, ...window, ...filters, group_by: ['span_agent_version'] });
    const names = (grouped.buckets ?? []).map((b) => {
      expect(b.total_count).toBe(1);
      return b.group?.['span_agent_version'] ?? '?';
    });
    const total = await c.aggregate({ project_id: P, ...window, ...filters });
    expect(total.buckets).toHaveLength(1);
    expect(total.buckets?.[0]?.total_count).toBe(names.length);
    return names;
  };

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      ...ROWS.map(([, at, body]) => ({ at, body })),
      { at: T0, body: runnableFeedback(P_BULKY, 'judge', { tags: ['a'], ratings: { _rating_: 0.5 }, payload: { output: bulkyText(20_000) } }) },
      { at: T0, body: runnableFeedback(P_BULKY, 'judge', { tags: ['a', 'b'], ratings: { _rating_: 0.25 }, payload: { output: 1 } }) },
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('counts after_ms ≤ created_at < before_ms, to the millisecond', async () => {
    expect(await matching({})).toEqual(IN_WINDOW);
    expect(await matching({}, { after_ms: T0 - 1, before_ms: T1 + 1 })).toEqual([...IN_WINDOW.slice(0, 9), 'r10', 'r11', 'r12']);
    expect(await matching({}, { after_ms: T1 - 1, before_ms: T1 })).toEqual(['r12']);
    expect(await matching({}, { after_ms: T0 + 1, before_ms: T0 + 3 })).toEqual(['r02', 'r03']);
  });

  it('feedback_types: prefix match, trailing * optional, "" matches all', async () => {
    const runnable = ['r01', 'r02', 'r03', 'r09'];
    expect(await matching({ feedback_types: ['wandb.runnable.*'] })).toEqual(runnable);
    expect(await matching({ feedback_types: ['wandb.runnable.'] })).toEqual(runnable);
    expect(await matching({ feedback_types: ['wandb.runnable'] })).toEqual(runnable);
    expect(await matching({ feedback_types: ['wandb.runnable.scorer_a**'] })).toEqual(['r01', 'r02', 'r09']);
    expect(await matching({ feedback_types: ['wandb.agent'] })).toEqual(['r04', 'r05', 'r06']);
    expect(await matching({ feedback_types: ['wandb.agent_monitor'] })).toEqual(['r04', 'r05']);
    expect(await matching({ feedback_types: ['wandb.note.1', 'custom'] })).toEqual(['r07', 'r08', 'r12']);
    expect(await matching({ feedback_types: [''] })).toEqual(IN_WINDOW);
    expect(await matching({ feedback_types: ['*'] })).toEqual(IN_WINDOW);
    expect(await matching({ feedback_types: ['nope', ''] })).toEqual(IN_WINDOW);
    expect(await matching({ feedback_types: ['nope'] })).toEqual([]);
    expect(await matching({ feedback_types: [] })).toEqual(IN_WINDOW);
  });

  it('monitor_ids: exact on the trigger_ref object id (mon ≠ monday), prefix with *', async () => {
    expect(await matching({ monitor_ids: ['mon'] })).toEqual(['r01', 'r09']);
    expect(await matching({ monitor_ids: ['monday'] })).toEqual(['r04']);
    expect(await matching({ monitor_ids: ['mon*'] })).toEqual(['r01', 'r04', 'r09']);
    expect(await matching({ monitor_ids: ['mon', 'other'] })).toEqual(['r01', 'r05', 'r09']);
    expect(await matching({ monitor_ids: ['mon:v1'] })).toEqual([]);
    expect(await matching({ monitor_ids: ['*'] })).toEqual(IN_WINDOW);
    // A null trigger_ref has the monitor id ''.
    expect(await matching({ monitor_ids: [''] })).toEqual(['r02', 'r03', 'r06', 'r07', 'r08', 'r12']);
  });

  it('scorer_ids: exact on the runnable_ref object id (scorer_a ≠ scorer_ab), prefix with *', async () => {
    expect(await matching({ scorer_ids: ['scorer_a'] })).toEqual(['r01', 'r04', 'r09']);
    expect(await matching({ scorer_ids: ['scorer_a*'] })).toEqual(['r01', 'r02', 'r04', 'r09']);
    expect(await matching({ scorer_ids: ['scorer_b', 'mon_scorer'] })).toEqual(['r03', 'r05']);
    expect(await matching({ scorer_ids: ['scorer'] })).toEqual([]);
    expect(await matching({ scorer_ids: [''] })).toEqual(['r06', 'r07', 'r08', 'r12']);
  });

  it('span_agent_names: exact, case-sensitive', async () => {
    expect(await matching({ span_agent_names: ['bot'] })).toEqual(['r01', 'r04', 'r06', 'r09']);
    expect(await matching({ span_agent_names: ['bot2', 'Bot'] })).toEqual(['r02', 'r05']);
    expect(await matching({ span_agent_names: ['bo'] })).toEqual([]);
    expect(await matching({ span_agent_names: [''] })).toEqual(['r03', 'r07', 'r08', 'r12']);
  });

  it('span_types: the second-to-last segment of weave_ref', async () => {
    expect(await matching({ span_types: ['agent_turn'] })).toEqual(['r01', 'r04']);
    expect(await matching({ span_types: ['agent_conversation'] })).toEqual(['r02', 'r06']);
    expect(await matching({ span_types: ['agent_turn', 'agent_conversation'] })).toEqual(['r01', 'r02', 'r04', 'r06']);
  });

  it('tags: the row carries any of them', async () => {
    expect(await matching({ tags: ['a'] })).toEqual(['r01', 'r06']);
    expect(await matching({ tags: ['b'] })).toEqual(['r01', 'r02']);
    expect(await matching({ tags: ['a', 'c'] })).toEqual(['r01', 'r03', 'r06']);
    expect(await matching({ tags: ['A', 'zzz'] })).toEqual([]);
  });

  it('rating_min / rating_max: inclusive, and only rows carrying _rating_', async () => {
    // _rating_: r01 0, r02 0.25, r03 0.5, r04 1, r09 0.75; r05 has only `quality`.
    expect(await matching({ rating_min: 0.25 })).toEqual(['r02', 'r03', 'r04', 'r09']);
    expect(await matching({ rating_max: 0.5 })).toEqual(['r01', 'r02', 'r03']);
    expect(await matching({ rating_min: 0.25, rating_max: 0.5 })).toEqual(['r02', 'r03']);
    expect(await matching({ rating_min: 0.5, rating_max: 0.5 })).toEqual(['r03']);
    expect(await matching({ rating_min: 0 })).toEqual(['r01', 'r02', 'r03', 'r04', 'r09']);
    expect(await matching({ rating_max: 1 })).toEqual(['r01', 'r02', 'r03', 'r04', 'r09']);
    expect(await matching({ rating_min: 0.76, rating_max: 0.99 })).toEqual([]);
    expect(await matching({ rating_min: null, rating_max: null })).toEqual(IN_WINDOW);
  });

  it('ANDs across fields and ORs within a list', async () => {
    expect(await matching({ scorer_ids: ['scorer_a*'], span_agent_names: ['bot'] })).toEqual(['r01', 'r04', 'r09']);
    expect(await matching({ scorer_ids: ['scorer_a*'], span_agent_names: ['bot'], tags: ['d', 'zzz'] })).toEqual(['r09']);
    expect(await matching({ feedback_types: ['wandb.runnable'], span_types: ['agent_turn'] })).toEqual(['r01']);
    expect(await matching({ monitor_ids: ['mon*'], rating_min: 0.5 })).toEqual(['r04', 'r09']);
    expect(await matching({ span_agent_names: ['bot', 'bot2'], tags: ['b', 'a'], rating_max: 0.25 })).toEqual(['r01', 'r02']);
    expect(await matching({ feedback_types: ['wandb.note'], tags: ['a'] })).toEqual([]);
  });

  it('counts rows with large payloads like any other', async () => {
    const res = await srv.client().aggregate({ project_id: P_BULKY, after_ms: T0, before_ms: T1, tags: ['a'], rating_min: 0.25, group_by: ['scorer_id'] });
    expect(res.buckets).toEqual([
      { time_bucket_start_ms: null, group: { scorer_id: 'judge' }, total_count: 2, scored_count: 2, tag_counts: { a: 2, b: 1 }, rating_counts: { _rating_: 2 }, rating_sums: { _rating_: 0.75 } },
    ]);
  });
});
