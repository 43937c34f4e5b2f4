// /feedback/stats metric extraction and aggregation (SEMANTICS §2 "Metrics"): which JSON values
// count as present for each value type, nested and spaced paths, the aggregations over present
// values only, categorical min/max by code point, the zeros and nulls of buckets without
// values; percentiles by linear interpolation at p/100·(n−1), per bucket and over the window,
// fractional labels, booleans as 0/1, and their 400s. Expected numbers are worked out by hand
// from the payloads listed here.
import type { FeedbackMetricSpec, FeedbackStatsRes } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { expect400 } from './support/query-errors.js';
import { seedFeedback } from './support/query-seed.js';
import { bucketCounts } from './support/stats-buckets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Hour 0 holds PAYLOADS; hour 1 is empty; hour 2 holds rows that carry no metric value at all.
const HOUR0 = Date.parse('2024-06-01T00:00:00Z');
const PAYLOADS: Record<string, unknown>[] = [
  { score: 0.5, ok: true, label: 'b', kind: 7, out: { acc: 0.25, deep: { x: 1 } }, 'my score': 3 },
  { score: '0.7', ok: 'true', label: 'a', kind: true, out: { acc: '0.9' } },
  { score: true, ok: 1, label: 'B', kind: false, out: 5 },
  { score: null, ok: null, label: null, kind: null, out: { acc: null } },
  {},
  { score: { v: 1 }, ok: { v: true }, label: { v: 'x' }, kind: { v: 1 }, out: { acc: [1] } },
  { score: [2], ok: [true], label: ['x'], kind: [1], out: [{ acc: 1 }] },
  { score: 1.5, ok: false, label: 'é', kind: 1.5, out: { acc: 0.75 }, 'my score': 5 },
  { score: 4, ok: true, label: 'z', kind: -3, 'my score': 'n/a' },
];
const NO_VALUE_PAYLOADS: Record<string, unknown>[] = [{}, { note: 'nothing to measure' }];

// Percentiles (their own project). Hour 0: x = 4, 10, 1, 2 (sorted 1, 2, 4, 10) plus rows where x is absent; b = t, f, t, t, f.
// Hour 1: x = 7. Hour 2: no rows.
const PCT_ROWS: [at: number, payload: Record<string, unknown>][] = [
  [HOUR0 + 1, { x: 4, b: true }],
  [HOUR0 + 2, { x: 10, b: false }],
  [HOUR0 + 3, { x: 1, b: true }],
  [HOUR0 + 4, { x: 2, b: true }],
  [HOUR0 + 5, { x: '3', b: false }],
  [HOUR0 + 6, { x: null, b: 'true' }],
  [HOUR0 + 3_600_000, { x: 7 }],
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

describe.each(testEngines())('stats metrics on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-metrics';
  const P_PCT = 'acme/stats-percentiles';
  const window = { start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600 };
  const stats = (metrics: FeedbackMetricSpec[]): Promise<FeedbackStatsRes> => srv.client().stats({ project_id: P, ...window, metrics });
  const statsPct = (metrics: FeedbackMetricSpec[]): Promise<FeedbackStatsRes> => srv.client().stats({ project_id: P_PCT, ...window, metrics });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      ...PAYLOADS.map((payload, i) => ({ at: HOUR0 + i * 60_000, body: customFeedback(P, payload) })),
      ...NO_VALUE_PAYLOADS.map((payload, i) => ({ at: HOUR0 + 2 * 3_600_000 + i * 60_000, body: customFeedback(P, payload) })),
      ...PCT_ROWS.map(([at, payload]) => ({ at, body: customFeedback(P_PCT, payload) })),
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('numeric takes JSON numbers only: "0.7", true, null, objects, arrays and missing keys are absent', async () => {
    const res = await stats([{ json_path: 'score', value_type: 'numeric', aggregations: ['count', 'sum', 'avg', 'min', 'max'] }]);
    // Present: 0.5, 1.5, 4.
    const hour0 = { count_score: 3, sum_score: 6, avg_score: 2, min_score: 0.5, max_score: 4 };
    expect(res.window_stats).toEqual({ score: { count: 3, sum: 6, avg: 2, min: 0.5, max: 4 } });
    expect(res.buckets?.[0]).toMatchObject({ ...hour0, count: 9 });
    expect(bucketCounts(res)).toEqual([9, 0, 2]);
  });

  it('boolean takes JSON true/false only: "true" and 1 are absent', async () => {
    const res = await stats([{ json_path: 'ok', value_type: 'boolean', aggregations: ['count_true', 'count_false', 'count', 'sum', 'avg'] }]);
    // Present: true, false, true (0/1 for sum and avg: 2 and 2/3).
    const ok = res.window_stats?.['ok'];
    expect(ok).toMatchObject({ count_true: 2, count_false: 1, count: 3, sum: 2 });
    expect(ok?.['avg']).toBeCloseTo(2 / 3, 12);
    expect(res.buckets?.[0]).toMatchObject({ count_true_ok: 2, count_false_ok: 1, count_ok: 3, sum_ok: 2 });
  });

  it('categorical min/max are by code point; count counts present values only', async () => {
    const res = await stats([{ json_path: 'label', value_type: 'categorical', aggregations: ['count', 'min', 'max'] }]);
    // Present: 'b', 'a', 'B', 'é', 'z'. By code point 'B' (U+0042) < 'a' < 'b' < 'z' < 'é' (U+00E9);
    // a locale collation would answer 'a' and 'z'.
    expect(res.window_stats).toEqual({ label: { count: 5, min: 'B', max: 'é' } });
    expect(res.buckets?.[0]).toMatchObject({ count_label: 5, min_label: 'B', max_label: 'é', count: 9 });
  });

  it('categorical takes other scalars as their JSON text', async () => {
    const res = await stats([{ json_path: 'kind', value_type: 'categorical', aggregations: ['count', 'min', 'max'] }]);
    // Present: '7', 'true', 'false', '1.5', '-3' ('-' is U+002D, below the digits; 't' is highest).
    expect(res.window_stats).toEqual({ kind: { count: 5, min: '-3', max: 'true' } });
  });

  it('follows nested paths; a path through a non-object or an array is absent', async () => {
    const res = await stats([
      { json_path: 'out.acc', aggregations: ['count', 'sum', 'avg', 'min', 'max'] },
      { json_path: 'out.deep.x', aggregations: ['count', 'sum'] },
    ]);
    // out.acc present: 0.25, 0.75 ('0.9' is a string; out = 5 and out = [...] lead nowhere).
    expect(res.window_stats).toEqual({
      out_acc: { count: 2, sum: 1, avg: 0.5, min: 0.25, max: 0.75 },
      out_deep_x: { count: 1, sum: 1 },
    });
    expect(res.buckets?.[0]).toMatchObject({ count_out_acc: 2, sum_out_acc: 1, count_out_deep_x: 1, sum_out_deep_x: 1 });
  });

  it('reads keys with spaces; the slug replaces them with _', async () => {
    const res = await stats([{ json_path: 'my score', aggregations: ['count', 'sum', 'max'] }]);
    // Present: 3 and 5 ('n/a' is a string).
    expect(res.window_stats).toEqual({ my_score: { count: 2, sum: 8, max: 5 } });
    expect(Object.keys(res.buckets?.[0] ?? {})).toEqual(['timestamp', 'count_my_score', 'sum_my_score', 'max_my_score', 'count']);
  });

  it('an empty bucket has zero counts and sums and null averages, extremes and percentiles', async () => {
    const res = await stats([
      { json_path: 'score', aggregations: ['count', 'sum', 'avg', 'min', 'max'], percentiles: [50] },
      { json_path: 'ok', value_type: 'boolean', aggregations: ['count_true', 'count_false', 'count', 'sum', 'avg'], percentiles: [50] },
      { json_path: 'label', value_type: 'categorical', aggregations: ['count', 'min', 'max'] },
    ]);
    const empty = {
      count_score: 0, sum_score: 0, avg_score: null, min_score: null, max_score: null, p50_score: null,
      count_true_ok: 0, count_false_ok: 0, count_ok: 0, sum_ok: 0, avg_ok: null, p50_ok: null,
      count_label: 0, min_label: null, max_label: null,
    };
    // Hour 1 has no rows; hour 2 has rows but no values: the same zeros and nulls, other counts.
    expect(res.buckets?.[1]).toEqual({ timestamp: res.buckets?.[1]?.timestamp, ...empty, count: 0 });
    expect(res.buckets?.[2]).toEqual({ timestamp: res.buckets?.[2]?.timestamp, ...empty, count: 2 });
  });

  it('window_stats over rows without values follows the same null rules', async () => {
    const res = await srv.client().stats({
      project_id: P, start: '2024-06-01T01:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600,
      metrics: [
        { json_path: 'score', aggregations: ['count', 'sum', 'avg', 'min', 'max'], percentiles: [25] },
        { json_path: 'ok', value_type: 'boolean' },
        { json_path: 'label', value_type: 'categorical', aggregations: ['min', 'count'] },
      ],
    });
    expect(res.window_stats).toEqual({
      score: { count: 0, sum: 0, avg: null, min: null, max: null, p25: null },
      ok: { count_true: 0, count_false: 0 },
      label: { min: null, count: 0 },
    });
    expect(bucketCounts(res)).toEqual([0, 2]);
  });

  describe('percentiles', () => {
    it('interpolates linearly, per bucket and over the window, with fractional labels', async () => {
      const res = await statsPct([{ json_path: 'x', aggregations: ['count'], percentiles: PERCENTILES }]);
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
      const res = await statsPct([{ json_path: 'b', value_type: 'boolean', percentiles: [10, 25, 40, 50, 90] }]);
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
      const res = await statsPct([{ json_path: 'x', aggregations: ['max'], percentiles: [95, 99.9, 0.5, 50.25] }]);
      expect(Object.keys(res.window_stats?.['x'] ?? {})).toEqual(['max', 'p95', 'p99.9', 'p0.5', 'p50.25']);
    });

    it('refuses percentiles outside [0, 100] (400)', async () => {
      for (const p of [-1, -0.001, 100.001, 101, 1000]) {
        await expect400(statsPct([{ json_path: 'x', percentiles: [50, p] }]));
      }
    });

    it('refuses percentiles on a categorical metric (400)', async () => {
      await expect400(statsPct([{ json_path: 'x', value_type: 'categorical', percentiles: [50] }]));
    });
  });
});
