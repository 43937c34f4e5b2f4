// Stats bucket grids in a zone with a DST change, and exact percentiles.
import { describe, expect, it } from 'vitest';
import type { FeedbackSeedRow } from '../src/index.js';
import { client, useFake } from './fake-server.js';

const row = (createdAt: string, output: Record<string, unknown>): FeedbackSeedRow => ({
  project_id: 'acme/bot',
  weave_ref: 'weave:///acme/bot/call/c',
  feedback_type: 'wandb.runnable.judge',
  runnable_ref: 'weave:///acme/bot/object/judge:v1',
  payload: { output },
  created_at: createdAt,
  wb_user_id: 'alice',
});

useFake({
  rows: [
    // 2024-03-09 local (EST, UTC-5): from 05:00Z.
    row('2024-03-09T05:00:00Z', { score: 1, passed: true }),
    row('2024-03-10T04:59:59.999Z', { score: 2, passed: false }),
    // 2024-03-10 local is 23 hours long: 05:00Z to 04:00Z next day (EDT, UTC-4, from 07:00Z).
    row('2024-03-10T05:00:00Z', { score: 3, passed: true }),
    row('2024-03-10T07:30:00Z', { score: 4, passed: true }),
    row('2024-03-11T03:59:59.999Z', { score: 5, passed: false }),
    // 2024-03-11 local: from 04:00Z.
    row('2024-03-11T04:00:00Z', { score: 10, passed: true }),
    // Before the window: counted nowhere, although its local day is in the first bucket.
    row('2024-03-09T04:00:00Z', { score: 100, passed: true }),
  ],
});

describe('America/New_York daily buckets across 2024-03-10', () => {
  it('start at local midnight with that day offset, the DST day 23 hours long', async () => {
    const stats = await client().stats({
      project_id: 'acme/bot',
      start: '2024-03-09T05:00:00Z',
      end: '2024-03-12T04:00:00Z',
      granularity: 86400,
      timezone: 'America/New_York',
      metrics: [{ json_path: 'output.score', aggregations: ['sum', 'count'] }],
    });
    expect(stats.buckets).toEqual([
      { timestamp: '2024-03-09T00:00:00-05:00', sum_output_score: 3, count_output_score: 2, count: 2 },
      { timestamp: '2024-03-10T00:00:00-05:00', sum_output_score: 12, count_output_score: 3, count: 3 },
      { timestamp: '2024-03-11T00:00:00-04:00', sum_output_score: 10, count_output_score: 1, count: 1 },
    ]);
    expect(stats.window_stats).toEqual({ output_score: { sum: 25, count: 6 } });
    expect(stats.timezone).toBe('America/New_York');
  });

  it('hourly buckets skip the hour that does not exist', async () => {
    const stats = await client().stats({
      project_id: 'acme/bot',
      start: '2024-03-10T05:00:00Z',
      end: '2024-03-10T09:00:00Z',
      granularity: 3600,
      timezone: 'America/New_York',
    });
    expect(stats.buckets).toEqual([
      { timestamp: '2024-03-10T00:00:00-05:00', count: 1 },
      { timestamp: '2024-03-10T01:00:00-05:00', count: 0 },
      { timestamp: '2024-03-10T03:00:00-04:00', count: 1 },
      { timestamp: '2024-03-10T04:00:00-04:00', count: 0 },
    ]);
    expect(stats.window_stats).toBeNull();
  });
});

describe('percentiles', () => {
  it('interpolate linearly between sorted present values (percentile_cont)', async () => {
    const stats = await client().stats({
      project_id: 'acme/bot',
      start: '2024-03-09T05:00:00Z',
      end: '2024-03-12T04:00:00Z',
      granularity: 86400,
      timezone: 'America/New_York',
      metrics: [
        { json_path: 'output.score', aggregations: ['avg'], percentiles: [0, 25, 50, 99.5, 100] },
        { json_path: 'output.passed', value_type: 'boolean', aggregations: ['avg'], percentiles: [50, 90] },
      ],
    });
    // Window scores sorted: 1 2 3 4 5 10; position p/100 · 5, e.g. p99.5 at 4.975, between 5 and 10
    // (written as PostgreSQL computes it in float8: lo + (pos − floor(pos)) · (hi − lo)).
    expect(stats.window_stats).toEqual({
      output_score: { avg: 25 / 6, p0: 1, p25: 2.25, p50: 3.5, 'p99.5': 5 + (0.995 * 5 - 4) * 5, p100: 10 },
      // passed as 0/1 sorted: 0 0 1 1 1 1.
      output_passed: { avg: 4 / 6, p50: 1, p90: 1 },
    });
    // The 23-hour day holds 3, 4, 5: p25 at position 0.5.
    expect(stats.buckets?.[1]).toEqual({
      timestamp: '2024-03-10T00:00:00-05:00',
      avg_output_score: 4,
      p0_output_score: 3,
      p25_output_score: 3.5,
      p50_output_score: 4,
      'p99.5_output_score': 4 + (0.995 * 2 - 1) * 1,
      p100_output_score: 5,
      avg_output_passed: 2 / 3,
      p50_output_passed: 1,
      p90_output_passed: 1,
      count: 3,
    });
  });

  it('are null in an empty bucket', async () => {
    const stats = await client().stats({
      project_id: 'acme/bot',
      start: '2024-03-12T00:00:00Z',
      end: '2024-03-12T01:00:00Z',
      granularity: 3600,
      metrics: [{ json_path: 'output.score', percentiles: [50] }],
    });
    expect(stats.buckets).toEqual([
      { timestamp: '2024-03-12T00:00:00Z', avg_output_score: null, min_output_score: null, max_output_score: null, p50_output_score: null, count: 0 },
    ]);
  });
});
