// /feedback/stats percentiles (SEMANTICS §2 "Metrics"): exact, linear interpolation at position
// p/100·(n−1) of the sorted present values, per bucket and over the window; fractional
// percentiles and their labels; booleans as 0/1; 400 outside [0, 100] and on categorical.
import type { FeedbackMetricSpec, FeedbackStatsRes } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { expect400 } from './support/query-errors.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HOUR0 = Date.parse('2024-06-01T00:00:00Z');
const HOUR_MS = 3_600_000;
// Hour 0: x = 4, 10, 1, 2 (sorted 1, 2, 4, 10) plus rows where x is absent; b = t, f, t, t, f.
// Hour 1: x = 7. Hour 2: no rows.
const ROWS: [at: number, payload: Record<string, unknown>][] = [
  [HOUR0 + 1, { x: 4, b: true }],
  [HOUR0 + 2, { x: 10, b: false }],
  [HOUR0 + 3, { x: 1, b: true }],
  [HOUR0 + 4, { x: 2, b: true }],
  [HOUR0 + 5, { x: '3', b: false }],
  [HOUR0 + 6, { x: null, b: 'true' }],
  [HOUR0 + HOUR_MS, { x: 7 }],
];
const PERCENTILES = [0, 12.5, 25, 33.3, 50, 90, 99.5, 100];

/** The percentile values of a bucket or of window_stats, in PERCENTILES order, by label. */
function pick(values: Record<string, unknown> | undefined, labels: string[]): unknown[] {
  return labels.map((l) => values?.[l]);
}

function expectClose(actual: unknown[], expected: (number | null)[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(e, 9);
  });
}

describe.each(testEngines())('stats percentiles on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-percentiles';
  const stats = (metrics: FeedbackMetricSpec[]): Promise<FeedbackStatsRes> =>
    srv.client().stats({ project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600, metrics });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, ROWS.map(([at, payload]) => ({ at, body: customFeedback(P, payload) })));
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('interpolates linearly, per bucket and over the window, with fractional labels', async () => {
    const res = await stats([{ json_path: 'x', aggregations: ['count'], percentiles: PERCENTILES }]);
    const labels = ['p0', 'p12.5', 'p25', 'p33.3', 'p50', 'p90', 'p99.5', 'p100'];
    expect(Object.keys(res.buckets?.[0] ?? {})).toEqual(['timestamp', 'count_x', ...labels.map((l) => `${l}_x`), 'count']);
    expect(Object.keys(res.window_stats?.['x'] ?? {})).toEqual(['count', ...labels]);

    // Hour 0, sorted 1, 2, 4, 10 (n = 4, positions p/100 · 3):
    // p0 → 1; p12.5 → pos 0.375: 1 + 0.375·1 = 1.375; p25 → 0.75: 1.75; p33.3 → 0.999: 1.999;
    // p50 → 1.5: 2 + 0.5·2 = 3; p90 → 2.7: 4 + 0.7·6 = 8.2; p99.5 → 2.985: 4 + 0.985·6 = 9.91; p100 → 10.
    const hour0 = res.buckets?.[0] as Record<string, unknown> | undefined;
    expectClose(pick(hour0, labels.map((l) => `${l}_x`)), [1, 1.375, 1.75, 1.999, 3, 8.2, 9.91, 10]);
    expect(hour0?.['count_x']).toBe(4);
    // Hour 1 has the single value 7: every percentile is 7. Hour 2 is empty: all null.
    expectClose(pick(res.buckets?.[1] as Record<string, unknown>, labels.map((l) => `${l}_x`)), PERCENTILES.map(() => 7));
    expectClose(pick(res.buckets?.[2] as Record<string, unknown>, labels.map((l) => `${l}_x`)), PERCENTILES.map(() => null));

    // Window, sorted 1, 2, 4, 7, 10 (n = 5, positions p/100 · 4):
    // p12.5 → 0.5: 1.5; p25 → 1: 2; p33.3 → 1.332: 2 + 0.332·2 = 2.664; p50 → 2: 4;
    // p90 → 3.6: 7 + 0.6·3 = 8.8; p99.5 → 3.98: 7 + 0.98·3 = 9.94.
    expectClose(pick(res.window_stats?.['x'], labels), [1, 1.5, 2, 2.664, 4, 8.8, 9.94, 10]);
    expect(res.window_stats?.['x']?.['count']).toBe(5);
  });

  it('computes boolean percentiles over 0/1', async () => {
    const res = await stats([{ json_path: 'b', value_type: 'boolean', percentiles: [10, 25, 40, 50, 90] }]);
    // Present in hour 0: t, f, t, t, f → sorted 0, 0, 1, 1, 1 (n = 5, positions p/100 · 4):
    // p10 → 0.4: 0; p25 → 1: 0; p40 → 1.6: 0 + 0.6·1 = 0.6; p50 → 2: 1; p90 → 3.6: 1.
    const labels = ['p10', 'p25', 'p40', 'p50', 'p90'];
    expectClose(pick(res.window_stats?.['b'], labels), [0, 0, 0.6, 1, 1]);
    expect(res.window_stats?.['b']).toMatchObject({ count_true: 3, count_false: 2 });
    expect(Object.keys(res.buckets?.[0] ?? {})).toEqual([
      'timestamp', 'count_true_b', 'count_false_b', 'p10_b', 'p25_b', 'p40_b', 'p50_b', 'p90_b', 'count',
    ]);
    expectClose(pick(res.buckets?.[1] as Record<string, unknown>, labels.map((l) => `${l}_b`)), labels.map(() => null));
  });

  it('labels a percentile with its shortest decimal text', async () => {
    const res = await stats([{ json_path: 'x', aggregations: ['max'], percentiles: [95, 99.9, 0.5, 50.25] }]);
    expect(Object.keys(res.window_stats?.['x'] ?? {})).toEqual(['max', 'p95', 'p99.9', 'p0.5', 'p50.25']);
  });

  it('refuses percentiles outside [0, 100] (400)', async () => {
    for (const p of [-1, -0.001, 100.001, 101, 1000]) {
      await expect400(stats([{ json_path: 'x', percentiles: [50, p] }]));
    }
  });

  it('refuses percentiles on a categorical metric (400)', async () => {
    await expect400(stats([{ json_path: 'x', value_type: 'categorical', percentiles: [50] }]));
  });
});
