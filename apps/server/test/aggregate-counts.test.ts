// /feedback/aggregate per-row figures (SEMANTICS §3 "Grouping and output"): total and scored
// counts, tag occurrences, rating counts and sums (a zero sum kept), map keys in code point
// order, the one bare-total row even with zero matches, and the echoed request bounds.
import type { FeedbackAggregateReq, FeedbackCreateReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback, monitorFeedback, monitorRef, runnableFeedback } from './support/query-bodies.js';
import { createAt, seedFeedback } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/agg-counts';
const T0 = Date.parse('2024-06-01T10:00:00Z');
const T1 = T0 + 3_600_000;
const EMPTY_TOTAL = { time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} };

const ROWS: FeedbackCreateReq[] = [
  // Scored by tags and ratings; 'x' occurs twice in this one row.
  runnableFeedback(P, 's1', { tags: ['x', 'x', 'y'], ratings: { _rating_: 0, zeta: 0.5, Alpha: 0.25 } }),
  runnableFeedback(P, 's1', { tags: ['y', '～', '😀', 'Y'], ratings: { _rating_: 0 } }),
  // A monitor row that scored nothing: counted, not scored.
  monitorFeedback(P, 's2', monitorRef(P, 'mon', 'v1')),
  // Scored by a tag only.
  { project_id: P, weave_ref: `weave:///${P}/agent_turn/t1`, feedback_type: 'wandb.agent_user_feedback', payload: {}, scorer_tags: ['x'] },
  // Scored by a rating only.
  monitorFeedback(P, 's2', monitorRef(P, 'mon', 'v1'), { ratings: { zeta: 0.25 } }),
  customFeedback(P, { note: 'plain' }, 'wandb.note.1'),
];

describe.each(testEngines())('aggregate counts on $name', (engine) => {
  let srv: TestServer;
  const aggregate = (body: Omit<FeedbackAggregateReq, 'project_id'>) => srv.client().aggregate({ project_id: P, ...body });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    // Through the HTTP create path with the test clock, one minute apart.
    for (const [i, body] of ROWS.entries()) await createAt(srv, T0 + i * 60_000, body);
    // Two rows far apart in the year, for the bare total over more than 31 days.
    await seedFeedback(srv.db, [
      { at: '2024-02-10T00:00:00Z', body: customFeedback(P, {}) },
      { at: '2024-11-20T00:00:00Z', body: runnableFeedback(P, 's3', { ratings: { _rating_: 1 } }) },
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('totals, scored rows, tag occurrences and rating counts/sums, keys in code point order', async () => {
    const res = await aggregate({ after_ms: T0, before_ms: T1 });
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
    const res = await aggregate({ after_ms: T0, before_ms: T1, group_by: ['scorer_id'] });
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
    const none = await aggregate({ after_ms: T0 - 1000, before_ms: T0 });
    expect(none.buckets).toEqual([EMPTY_TOTAL]);
    const filtered = await aggregate({ after_ms: T0, before_ms: T1, tags: ['nope'] });
    expect(filtered.buckets).toEqual([EMPTY_TOTAL]);
    const otherProject = await srv.client().aggregate({ project_id: 'acme/agg-counts-empty', after_ms: T0, before_ms: T1 });
    expect(otherProject.buckets).toEqual([EMPTY_TOTAL]);
  });

  it('returns no rows for a grouped or bucketed query with no match', async () => {
    expect((await aggregate({ after_ms: T0 - 1000, before_ms: T0, group_by: ['scorer_id'] })).buckets).toEqual([]);
    expect((await aggregate({ after_ms: T0 - 1000, before_ms: T0, time_bucket_seconds: 60 })).buckets).toEqual([]);
  });

  it('echoes after_ms, before_ms and time_bucket_seconds (null when unbucketed)', async () => {
    const plain = await aggregate({ after_ms: T0 + 1, before_ms: T1 - 1 });
    expect(plain).toMatchObject({ after_ms: T0 + 1, before_ms: T1 - 1, time_bucket_seconds: null });
    const bucketed = await aggregate({ after_ms: T0, before_ms: T1, time_bucket_seconds: 900 });
    expect(bucketed).toMatchObject({ after_ms: T0, before_ms: T1, time_bucket_seconds: 900 });
    // 15-minute buckets: rows at +0..+5 min all fall in the first.
    expect(bucketed.buckets?.map((b) => [b.time_bucket_start_ms, b.total_count])).toEqual([[T0, 6]]);
  });

  it('allows a bare total over a whole year', async () => {
    const res = await aggregate({ after_ms: Date.parse('2024-01-01T00:00:00Z'), before_ms: Date.parse('2025-01-01T00:00:00Z') });
    expect(res.buckets).toHaveLength(1);
    expect(res.buckets?.[0]).toMatchObject({ total_count: 8, scored_count: 5 });
    expect(res.buckets?.[0]?.rating_sums).toEqual({ Alpha: 0.25, _rating_: 1, zeta: 0.75 });
  });
});
