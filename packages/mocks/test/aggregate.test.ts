// /feedback/aggregate over seeded rows: filters, grouping, the total order of rows, the maps.
import { describe, expect, it } from 'vitest';
import type { FeedbackSeedRow } from '../src/index.js';
import { client, useFake } from './fake-server.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2024-05-01T00:00:00Z');

function scored(minutes: number, scorer: string, status: 'UNSET' | 'OK' | 'ERROR', tags: string[], ratings: Record<string, number>): FeedbackSeedRow {
  return {
    project_id: 'acme/bot',
    weave_ref: 'weave:///acme/bot/agent_turn/t1',
    feedback_type: `wandb.runnable.${scorer}`,
    runnable_ref: `weave:///acme/bot/object/${scorer}:v1`,
    payload: { output: 1 },
    scorer_tags: tags,
    scorer_ratings: ratings,
    span_status_code: status,
    created_at: new Date(T0 + minutes * 60_000).toISOString(),
    wb_user_id: 'alice',
  };
}

useFake({
  rows: [
    scored(10, 'a', 'ERROR', ['good', 'good'], { _rating_: 0.5 }),
    scored(20, 'é', 'OK', ['bad'], { _rating_: 1, other: 0 }),
    scored(30, 'Z', 'UNSET', [], {}),
    scored(70, 'a', 'OK', ['good'], { _rating_: 0.25 }),
    scored(80, 'a', 'UNSET', ['Zed'], {}),
    {
      project_id: 'acme/bot',
      weave_ref: 'weave:///acme/bot/call/c9',
      feedback_type: 'wandb.note.1',
      payload: { note: 'unscored' },
      created_at: new Date(T0 + 90 * 60_000).toISOString(),
      wb_user_id: 'alice',
    },
  ],
});

const window = { project_id: 'acme/bot', after_ms: T0, before_ms: T0 + 2 * HOUR };

describe('aggregate', () => {
  it('orders by bucket, then code point and UNSET < OK < ERROR; sparse', async () => {
    const res = await client().aggregate({ ...window, time_bucket_seconds: 3600, group_by: ['scorer_id', 'span_status_code'] });
    expect(res.time_bucket_seconds).toBe(3600);
    expect((res.buckets ?? []).map((b) => [b.time_bucket_start_ms, b.group?.['scorer_id'], b.group?.['span_status_code'], b.total_count])).toEqual([
      [T0, 'Z', 'UNSET', 1],
      [T0, 'a', 'ERROR', 1],
      [T0, 'é', 'OK', 1],
      [T0 + HOUR, '', 'UNSET', 1],
      [T0 + HOUR, 'a', 'UNSET', 1],
      [T0 + HOUR, 'a', 'OK', 1],
    ]);
  });

  it('counts tag occurrences and ratings per key, sorted, zero sums kept', async () => {
    const res = await client().aggregate({ ...window, feedback_types: ['wandb.runnable.*'] });
    expect(res.buckets).toEqual([
      {
        time_bucket_start_ms: null,
        group: {},
        total_count: 5,
        scored_count: 4,
        tag_counts: { Zed: 1, bad: 1, good: 3 },
        rating_counts: { _rating_: 3, other: 1 },
        rating_sums: { _rating_: 1.75, other: 0 },
      },
    ]);
  });

  it('filters on _rating_, scorer ids with a prefix pattern, and tags', async () => {
    const c = client();
    const rated = await c.aggregate({ ...window, rating_min: 0.3, group_by: ['scorer_id'] });
    expect((rated.buckets ?? []).map((b) => [b.group?.['scorer_id'], b.total_count])).toEqual([['a', 1], ['é', 1]]);
    const prefixed = await c.aggregate({ ...window, scorer_ids: ['é*', 'Z'], tags: ['bad', 'none'] });
    expect(prefixed.buckets?.[0]?.total_count).toBe(1);
  });

  it('answers a bare total with exactly one row, even with no match', async () => {
    const res = await client().aggregate({ project_id: 'acme/empty', after_ms: 0, before_ms: T0 });
    expect(res).toEqual({
      after_ms: 0,
      before_ms: T0,
      time_bucket_seconds: null,
      buckets: [{ time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} }],
    });
    const grouped = await client().aggregate({ project_id: 'acme/empty', after_ms: 0, before_ms: HOUR, group_by: ['span_agent_name'] });
    expect(grouped.buckets).toEqual([]);
  });
});
