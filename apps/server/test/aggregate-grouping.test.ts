// /feedback/aggregate grouping and output (SEMANTICS §3 "Grouping and output"): time buckets
// floored to epoch multiples, each group_by dimension and combinations, ordering by bucket then
// group values (code point; UNSET < OK < ERROR), sparse rows; then the figures of a row: total
// and scored counts, tag occurrences, rating counts and sums (a zero sum kept), map keys in code
// point order, the one bare-total row even with zero matches, and the echoed request bounds.
import type { FeedbackAggregateReq, FeedbackAggregateRes, FeedbackCreateReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback, monitorFeedback, monitorRef, runnableFeedback } from './support/query-bodies.js';
import { createAt, seedFeedback } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/agg-grouping';
const H10 = Date.parse('2024-06-01T10:00:00Z'); // 1717236000000, a multiple of 3600 s
const MIN = 60_000;
const HOUR = 3_600_000;

// [created_at, body]: scorer id, agent name, version, status.
const ROWS: [number, FeedbackCreateReq][] = [
  [H10 + 5 * MIN, runnableFeedback(P, 'a', { agent: 'x', version: '1', status: 'OK', tags: ['t'], ratings: { _rating_: 0.5 } })], // g1
  [H10 + 6 * MIN, runnableFeedback(P, 'a', { agent: 'x', version: '1', status: 'OK' })], // g9
  [H10 + 10 * MIN, runnableFeedback(P, 'b', { agent: 'x', version: '2', status: 'ERROR' })], // g2
  [H10 + 70 * MIN, runnableFeedback(P, 'B', { agent: 'y', version: '1', status: 'UNSET' })], // g3
  [H10 + 75 * MIN, runnableFeedback(P, 'Z', { agent: 'x', version: '1', status: 'OK' })], // g4
  [H10 + 200 * MIN, runnableFeedback(P, 'é', { agent: 'X', version: '10', status: 'ERROR' })], // g5
  [H10 + 201 * MIN, runnableFeedback(P, '～', { agent: 'x' })], // g6: U+FF5E, status UNSET, version ''
  [H10 + 202 * MIN, runnableFeedback(P, '😀', { agent: 'y', status: 'OK' })], // g7: U+1F600
  [H10 + 203 * MIN, { ...customFeedback(P, {}), span_status_code: 'ERROR' }], // g8: scorer '', agent ''
];

// Figures (their own project): rows one minute apart from F0, plus two far apart in the year.
const P_FIG = 'acme/agg-counts';
const F0 = Date.parse('2024-06-01T10:00:00Z');
const F1 = F0 + 3_600_000;
const EMPTY_TOTAL = { time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} };

const FIGURE_ROWS: FeedbackCreateReq[] = [
  // Scored by tags and ratings; 'x' occurs twice in this one row.
  runnableFeedback(P_FIG, 's1', { tags: ['x', 'x', 'y'], ratings: { _rating_: 0, zeta: 0.5, Alpha: 0.25 } }),
  runnableFeedback(P_FIG, 's1', { tags: ['y', '～', '😀', 'Y'], ratings: { _rating_: 0 } }),
  // A monitor row that scored nothing: counted, not scored.
  monitorFeedback(P_FIG, 's2', monitorRef(P_FIG, 'mon', 'v1')),
  // Scored by a tag only.
  { project_id: P_FIG, weave_ref: `weave:///${P_FIG}/agent_turn/t1`, feedback_type: 'wandb.agent_user_feedback', payload: {}, scorer_tags: ['x'] },
  // Scored by a rating only.
  monitorFeedback(P_FIG, 's2', monitorRef(P_FIG, 'mon', 'v1'), { ratings: { zeta: 0.25 } }),
  customFeedback(P_FIG, { note: 'plain' }, 'wandb.note.1'),
];

type Row = [bucket: number | null, group: Record<string, string>, total: number];

/** Each output row as [time_bucket_start_ms, group, total_count], in response order. */
function rowsOf(res: FeedbackAggregateRes): Row[] {
  return (res.buckets ?? []).map((b) => [b.time_bucket_start_ms ?? null, b.group ?? {}, b.total_count]);
}

describe.each(testEngines())('aggregate grouping on $name', (engine) => {
  let srv: TestServer;
  const aggregate = (body: Omit<FeedbackAggregateReq, 'project_id' | 'after_ms' | 'before_ms'>) =>
    srv.client().aggregate({ project_id: P, after_ms: H10 + MIN, before_ms: H10 + 4 * HOUR, ...body });
  const aggregateFigures = (body: Omit<FeedbackAggregateReq, 'project_id'>) => srv.client().aggregate({ project_id: P_FIG, ...body });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, ROWS.map(([at, body]) => ({ at, body })));
    // Through the HTTP create path with the test clock, one minute apart.
    for (const [i, body] of FIGURE_ROWS.entries()) await createAt(srv, F0 + i * 60_000, body);
    // Two rows far apart in the year, for the bare total over more than 31 days.
    await seedFeedback(srv.db, [
      { at: '2024-02-10T00:00:00Z', body: customFeedback(P_FIG, {}) },
      { at: '2024-11-20T00:00:00Z', body: runnableFeedback(P_FIG, 's3', { ratings: { _rating_: 1 } }) },
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('orders scorer_id by code point, with "" for rows without a runnable_ref', async () => {
    const res = await aggregate({ group_by: ['scorer_id'] });
    // By code point: '' < 'B' < 'Z' < 'a' < 'b' < 'é' (E9) < '～' (FF5E) < '😀' (1F600).
    // (UTF-16 order would put '😀', a surrogate pair D83D…, before '～'.)
    expect(rowsOf(res)).toEqual([
      [null, { scorer_id: '' }, 1],
      [null, { scorer_id: 'B' }, 1],
      [null, { scorer_id: 'Z' }, 1],
      [null, { scorer_id: 'a' }, 2],
      [null, { scorer_id: 'b' }, 1],
      [null, { scorer_id: 'é' }, 1],
      [null, { scorer_id: '～' }, 1],
      [null, { scorer_id: '😀' }, 1],
    ]);
  });

  it('orders span_status_code UNSET < OK < ERROR', async () => {
    const res = await aggregate({ group_by: ['span_status_code'] });
    expect(rowsOf(res)).toEqual([
      [null, { span_status_code: 'UNSET' }, 2],
      [null, { span_status_code: 'OK' }, 4],
      [null, { span_status_code: 'ERROR' }, 3],
    ]);
  });

  it('orders span_agent_version as strings ("1" < "10" < "2")', async () => {
    const res = await aggregate({ group_by: ['span_agent_version'] });
    expect(rowsOf(res)).toEqual([
      [null, { span_agent_version: '' }, 3],
      [null, { span_agent_version: '1' }, 4],
      [null, { span_agent_version: '10' }, 1],
      [null, { span_agent_version: '2' }, 1],
    ]);
  });

  it('combines dimensions in request order, sparse (agent name, then status)', async () => {
    const res = await aggregate({ group_by: ['span_agent_name', 'span_status_code'] });
    expect(rowsOf(res)).toEqual([
      [null, { span_agent_name: '', span_status_code: 'ERROR' }, 1],
      [null, { span_agent_name: 'X', span_status_code: 'ERROR' }, 1],
      [null, { span_agent_name: 'x', span_status_code: 'UNSET' }, 1],
      [null, { span_agent_name: 'x', span_status_code: 'OK' }, 3],
      [null, { span_agent_name: 'x', span_status_code: 'ERROR' }, 1],
      [null, { span_agent_name: 'y', span_status_code: 'UNSET' }, 1],
      [null, { span_agent_name: 'y', span_status_code: 'OK' }, 1],
    ]);
  });

  it('combines dimensions in request order, sparse (status, then agent name)', async () => {
    const res = await aggregate({ group_by: ['span_status_code', 'span_agent_name'] });
    expect(rowsOf(res)).toEqual([
      [null, { span_status_code: 'UNSET', span_agent_name: 'x' }, 1],
      [null, { span_status_code: 'UNSET', span_agent_name: 'y' }, 1],
      [null, { span_status_code: 'OK', span_agent_name: 'x' }, 3],
      [null, { span_status_code: 'OK', span_agent_name: 'y' }, 1],
      [null, { span_status_code: 'ERROR', span_agent_name: '' }, 1],
      [null, { span_status_code: 'ERROR', span_agent_name: 'X' }, 1],
      [null, { span_status_code: 'ERROR', span_agent_name: 'x' }, 1],
    ]);
  });

  it('groups by all four dimensions at once', async () => {
    const res = await aggregate({ group_by: ['span_status_code', 'scorer_id', 'span_agent_name', 'span_agent_version'] });
    expect(rowsOf(res)).toEqual([
      [null, { span_status_code: 'UNSET', scorer_id: 'B', span_agent_name: 'y', span_agent_version: '1' }, 1],
      [null, { span_status_code: 'UNSET', scorer_id: '～', span_agent_name: 'x', span_agent_version: '' }, 1],
      [null, { span_status_code: 'OK', scorer_id: 'Z', span_agent_name: 'x', span_agent_version: '1' }, 1],
      [null, { span_status_code: 'OK', scorer_id: 'a', span_agent_name: 'x', span_agent_version: '1' }, 2],
      [null, { span_status_code: 'OK', scorer_id: '😀', span_agent_name: 'y', span_agent_version: '' }, 1],
      [null, { span_status_code: 'ERROR', scorer_id: '', span_agent_name: '', span_agent_version: '' }, 1],
      [null, { span_status_code: 'ERROR', scorer_id: 'b', span_agent_name: 'x', span_agent_version: '2' }, 1],
      [null, { span_status_code: 'ERROR', scorer_id: 'é', span_agent_name: 'X', span_agent_version: '10' }, 1],
    ]);
  });

  it('time buckets floor to epoch multiples (not to after_ms) and skip empty ones', async () => {
    const res = await aggregate({ time_bucket_seconds: 3600 });
    // after_ms is 10:01; the first bucket still starts at 10:00. 12:00 has no rows: no row.
    expect(rowsOf(res)).toEqual([
      [H10, {}, 3],
      [H10 + HOUR, {}, 2],
      [H10 + 3 * HOUR, {}, 4],
    ]);
    expect(res.time_bucket_seconds).toBe(3600);
  });

  it('time buckets of 11 s are multiples of 11,000 ms since the epoch', async () => {
    const res = await srv.client().aggregate({ project_id: P, after_ms: H10, before_ms: H10 + 30 * MIN, time_bucket_seconds: 11 });
    // 10:05 = 1717236300000 = 11000 · 156112390 + 10000 → 1717236290000;
    // 10:06 = 1717236360000 → remainder 4000 → 1717236356000;
    // 10:10 = 1717236600000 → remainder 2000 → 1717236598000.
    expect(rowsOf(res)).toEqual([
      [1_717_236_290_000, {}, 1],
      [1_717_236_356_000, {}, 1],
      [1_717_236_598_000, {}, 1],
    ]);
  });

  it('orders by bucket first, then by the group values', async () => {
    const res = await aggregate({ time_bucket_seconds: 3600, group_by: ['span_status_code'] });
    expect(rowsOf(res)).toEqual([
      [H10, { span_status_code: 'OK' }, 2],
      [H10, { span_status_code: 'ERROR' }, 1],
      [H10 + HOUR, { span_status_code: 'UNSET' }, 1],
      [H10 + HOUR, { span_status_code: 'OK' }, 1],
      [H10 + 3 * HOUR, { span_status_code: 'UNSET' }, 1],
      [H10 + 3 * HOUR, { span_status_code: 'OK' }, 1],
      [H10 + 3 * HOUR, { span_status_code: 'ERROR' }, 2],
    ]);
  });

  it('a day bucket starts at UTC midnight', async () => {
    const res = await aggregate({ time_bucket_seconds: 86_400, group_by: ['scorer_id'], scorer_ids: ['a'] });
    expect(res.buckets).toEqual([
      {
        time_bucket_start_ms: Date.parse('2024-06-01T00:00:00Z'),
        group: { scorer_id: 'a' },
        total_count: 2,
        scored_count: 1,
        tag_counts: { t: 1 },
        rating_counts: { _rating_: 1 },
        rating_sums: { _rating_: 0.5 },
      },
    ]);
  });

  it('without buckets or group_by: one row with null bucket and empty group', async () => {
    const res = await aggregate({});
    expect(rowsOf(res)).toEqual([[null, {}, 9]]);
    expect(res.time_bucket_seconds).toBeNull();
  });

  describe('figures', () => {
    it('totals, scored rows, tag occurrences and rating counts/sums, keys in code point order', async () => {
      const res = await aggregateFigures({ after_ms: F0, before_ms: F1 });
      expect(res.buckets).toEqual([
        {
          time_bucket_start_ms: null,
          group: {},
          total_count: 6,
          scored_count: 4,
          // x: 2 (one row) + 1; y: 2; one each of the rest.
          tag_counts: { Y: 1, x: 3, y: 2, '～': 1, '😀': 1 },
          rating_counts: { Alpha: 1, _rating_: 2, zeta: 2 },
          // _rating_ sums to 0 and is kept.
          rating_sums: { Alpha: 0.25, _rating_: 0, zeta: 0.75 },
        },
      ]);
      const row = res.buckets?.[0];
      // 'Y' (U+0059) < 'x' < 'y' < '～' (U+FF5E) < '😀' (U+1F600); 'Alpha' < '_rating_' (U+005F) < 'zeta'.
      expect(Object.keys(row?.tag_counts ?? {})).toEqual(['Y', 'x', 'y', '～', '😀']);
      expect(Object.keys(row?.rating_counts ?? {})).toEqual(['Alpha', '_rating_', 'zeta']);
      expect(Object.keys(row?.rating_sums ?? {})).toEqual(['Alpha', '_rating_', 'zeta']);
    });

    it('splits the figures per group', async () => {
      const res = await aggregateFigures({ after_ms: F0, before_ms: F1, group_by: ['scorer_id'] });
      expect(res.buckets).toEqual([
        { time_bucket_start_ms: null, group: { scorer_id: '' }, total_count: 2, scored_count: 1, tag_counts: { x: 1 }, rating_counts: {}, rating_sums: {} },
        {
          time_bucket_start_ms: null, group: { scorer_id: 's1' }, total_count: 2, scored_count: 2,
          tag_counts: { Y: 1, x: 2, y: 2, '～': 1, '😀': 1 },
          rating_counts: { Alpha: 1, _rating_: 2, zeta: 1 },
          rating_sums: { Alpha: 0.25, _rating_: 0, zeta: 0.5 },
        },
        { time_bucket_start_ms: null, group: { scorer_id: 's2' }, total_count: 2, scored_count: 1, tag_counts: {}, rating_counts: { zeta: 1 }, rating_sums: { zeta: 0.25 } },
      ]);
    });

    it('returns exactly one zero row for a bare total with no match', async () => {
      const none = await aggregateFigures({ after_ms: F0 - 1000, before_ms: F0 });
      expect(none.buckets).toEqual([EMPTY_TOTAL]);
      const filtered = await aggregateFigures({ after_ms: F0, before_ms: F1, tags: ['nope'] });
      expect(filtered.buckets).toEqual([EMPTY_TOTAL]);
      const otherProject = await srv.client().aggregate({ project_id: 'acme/agg-counts-empty', after_ms: F0, before_ms: F1 });
      expect(otherProject.buckets).toEqual([EMPTY_TOTAL]);
    });

    it('returns no rows for a grouped or bucketed query with no match', async () => {
      expect((await aggregateFigures({ after_ms: F0 - 1000, before_ms: F0, group_by: ['scorer_id'] })).buckets).toEqual([]);
      expect((await aggregateFigures({ after_ms: F0 - 1000, before_ms: F0, time_bucket_seconds: 60 })).buckets).toEqual([]);
    });

    it('echoes after_ms, before_ms and time_bucket_seconds (null when unbucketed)', async () => {
      const plain = await aggregateFigures({ after_ms: F0 + 1, before_ms: F1 - 1 });
      expect(plain).toMatchObject({ after_ms: F0 + 1, before_ms: F1 - 1, time_bucket_seconds: null });
      const bucketed = await aggregateFigures({ after_ms: F0, before_ms: F1, time_bucket_seconds: 900 });
      expect(bucketed).toMatchObject({ after_ms: F0, before_ms: F1, time_bucket_seconds: 900 });
      // 15-minute buckets: rows at +0..+5 min all fall in the first.
      expect(bucketed.buckets?.map((b) => [b.time_bucket_start_ms, b.total_count])).toEqual([[F0, 6]]);
    });

    it('allows a bare total over a whole year', async () => {
      const res = await aggregateFigures({ after_ms: Date.parse('2024-01-01T00:00:00Z'), before_ms: Date.parse('2025-01-01T00:00:00Z') });
      expect(res.buckets).toHaveLength(1);
      expect(res.buckets?.[0]).toMatchObject({ total_count: 8, scored_count: 5 });
      expect(res.buckets?.[0]?.rating_sums).toEqual({ Alpha: 0.25, _rating_: 1, zeta: 0.75 });
    });
  });
});
