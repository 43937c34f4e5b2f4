// /feedback/stats metric specs (SEMANTICS §2 "Metrics"): the order of bucket keys, default
// aggregations, window_stats keyed by slug (and null without metrics), the bare grid of
// {timestamp, count} buckets when no metric is asked for; then the rules a spec must follow:
// json_path syntax (400), aggregations a categorical metric refuses (400), schema mistakes (422).
import type { FeedbackMetricSpec, FeedbackStatsReq, FeedbackStatsRes } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { expect400 } from './support/query-errors.js';
import { seedFeedback } from './support/query-seed.js';
import { bucketCounts } from './support/stats-buckets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HOUR0 = Date.parse('2024-06-01T00:00:00Z');

describe.each(testEngines())('stats metric specs on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-output';
  const P_RULES = 'acme/stats-metric-rules';
  const rulesWindow = { project_id: P_RULES, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
  const statsRules = (metrics: FeedbackMetricSpec[]) => srv.client().stats({ ...rulesWindow, metrics });
  const stats = (metrics?: FeedbackMetricSpec[]): Promise<FeedbackStatsRes> =>
    srv.client().stats({
      project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T02:00:00Z', granularity: 3600,
      ...(metrics === undefined ? {} : { metrics }),
    });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      { at: HOUR0 + 1000, body: customFeedback(P, { score: 2, ok: true, label: 'yes' }) },
      { at: HOUR0 + 2000, body: customFeedback(P, { score: 4, ok: false, label: 'no' }) },
      { at: HOUR0 + 3000, body: customFeedback(P, { score: 9, ok: true, label: 'yes' }) },
      { at: HOUR0 + 4000, body: customFeedback(P_RULES, { a: { b_c: { 'd e': 1.25 } }, A: 2 }) },
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('orders bucket keys: timestamp, each metric in request order (aggregations, then percentiles), count last', async () => {
    const res = await stats([
      { json_path: 'score', aggregations: ['max', 'avg', 'count'], percentiles: [50, 99.5] },
      { json_path: 'ok', value_type: 'boolean' },
      { json_path: 'label', value_type: 'categorical', aggregations: ['max', 'count'] },
    ]);
    const keys = [
      'timestamp', 'max_score', 'avg_score', 'count_score', 'p50_score', 'p99.5_score',
      'count_true_ok', 'count_false_ok', 'max_label', 'count_label', 'count',
    ];
    for (const b of res.buckets ?? []) expect(Object.keys(b)).toEqual(keys);
    // Sorted scores 2, 4, 9: p50 → pos 1 → 4; p99.5 → pos 1.99 → 4 + 0.99·5 = 8.95.
    const first = res.buckets?.[0];
    expect(first).toMatchObject({ max_score: 9, avg_score: 5, count_score: 3, p50_score: 4, count_true_ok: 2, count_false_ok: 1, max_label: 'yes', count_label: 3, count: 3 });
    expect(first?.['p99.5_score']).toBeCloseTo(8.95, 9);
    expect(Object.keys(res.window_stats ?? {})).toEqual(['score', 'ok', 'label']);
    expect(Object.keys(res.window_stats?.['score'] ?? {})).toEqual(['max', 'avg', 'count', 'p50', 'p99.5']);
    expect(Object.keys(res.window_stats?.['ok'] ?? {})).toEqual(['count_true', 'count_false']);
    expect(Object.keys(res.window_stats?.['label'] ?? {})).toEqual(['max', 'count']);
  });

  it('keeps request order when metrics are listed the other way round', async () => {
    const res = await stats([
      { json_path: 'label', value_type: 'categorical', aggregations: ['count', 'min'] },
      { json_path: 'score', aggregations: ['sum', 'min'], percentiles: [100, 0] },
    ]);
    expect(Object.keys(res.buckets?.[1] ?? {})).toEqual(['timestamp', 'count_label', 'min_label', 'sum_score', 'min_score', 'p100_score', 'p0_score', 'count']);
    expect(res.window_stats).toEqual({ label: { count: 3, min: 'no' }, score: { sum: 15, min: 2, p100: 9, p0: 2 } });
  });

  it('defaults: numeric avg/min/max (and numeric when value_type is omitted), boolean count_true/count_false, categorical count', async () => {
    const res = await stats([
      { json_path: 'score' },
      { json_path: 'ok', value_type: 'boolean', aggregations: [] },
      { json_path: 'label', value_type: 'categorical' },
    ]);
    expect(Object.keys(res.buckets?.[0] ?? {})).toEqual([
      'timestamp', 'avg_score', 'min_score', 'max_score', 'count_true_ok', 'count_false_ok', 'count_label', 'count',
    ]);
    expect(res.window_stats).toEqual({
      score: { avg: 5, min: 2, max: 9 },
      ok: { count_true: 2, count_false: 1 },
      label: { count: 3 },
    });
    const explicit = await stats([{ json_path: 'score', value_type: 'numeric', aggregations: [] }]);
    expect(explicit.window_stats).toEqual({ score: { avg: 5, min: 2, max: 9 } });
  });

  it('without metrics: window_stats is null and the grid is still returned as {timestamp, count}', async () => {
    for (const res of [await stats(), await stats([])]) {
      expect(res.window_stats).toBeNull();
      expect(res.buckets).toHaveLength(2);
      for (const b of res.buckets ?? []) expect(Object.keys(b)).toEqual(['timestamp', 'count']);
      expect(bucketCounts(res)).toEqual([3, 0]);
      expect(res.buckets?.map((b) => Date.parse(b.timestamp))).toEqual([HOUR0, HOUR0 + 3_600_000]);
    }
  });

  it('echoes granularity and timezone, and resolves start/end', async () => {
    const res = await stats();
    expect(res).toMatchObject({ granularity: 3600, timezone: 'UTC' });
    expect(Date.parse(res.start)).toBe(HOUR0);
    expect(Date.parse(res.end)).toBe(HOUR0 + 7_200_000);
  });

  describe('rules', () => {
    it('accepts letters, digits, _, spaces and single dots', async () => {
      const res = await statsRules([
        { json_path: 'a.b_c.d e', aggregations: ['sum'] },
        { json_path: 'A', aggregations: ['sum'] },
        { json_path: 'Z9_ z', aggregations: ['sum'] },
      ]);
      expect(res.window_stats).toEqual({ a_b_c_d_e: { sum: 1.25 }, A: { sum: 2 }, Z9__z: { sum: 0 } });
    });

    it.each(['', '.a', 'a.', 'a..b', '.', 'a[0]', 'a.0]', 'a-b', 'a/b', '$.a', 'a*', 'é'])('refuses json_path %j (400)', async (jsonPath) => {
      await expect400(statsRules([{ json_path: jsonPath }]));
    });

    it('refuses sum, avg and percentiles on a categorical metric (400)', async () => {
      await expect400(statsRules([{ json_path: 'A', value_type: 'categorical', aggregations: ['sum'] }]));
      await expect400(statsRules([{ json_path: 'A', value_type: 'categorical', aggregations: ['count', 'avg'] }]));
      await expect400(statsRules([{ json_path: 'A', value_type: 'categorical', aggregations: ['min'], percentiles: [50] }]));
    });

    it('refuses a broken metric even when an earlier one is fine (400)', async () => {
      await expect400(statsRules([{ json_path: 'A' }, { json_path: 'a..b' }]));
    });

    it('refuses unknown keys and enum values in a metric spec (422)', async () => {
      const send = (metric: unknown) => srv.post('/feedback/stats', JSON.stringify({ ...rulesWindow, metrics: [metric] } satisfies Omit<FeedbackStatsReq, 'metrics'> & { metrics: unknown[] }));
      for (const metric of [
        { json_path: 'A', value_type: 'text' },
        { json_path: 'A', aggregations: ['median'] },
        { json_path: 'A', path: 'A' },
        { value_type: 'numeric' },
      ]) {
        const res = await send(metric);
        expect(res.status, JSON.stringify(metric)).toBe(422);
      }
    });
  });
});
