// /feedback/stats metric extraction and aggregation (SEMANTICS §2 "Metrics"): which JSON values
// count as present for each value type, nested and spaced paths, the aggregations over present
// values only, categorical min/max by code point, and the zeros and nulls of buckets without
// values. Expected numbers are worked out by hand from the payloads listed here.
import type { FeedbackMetricSpec, FeedbackStatsRes } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
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

describe.each(testEngines())('stats metrics on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-metrics';
  const stats = (metrics: FeedbackMetricSpec[]): Promise<FeedbackStatsRes> =>
    srv.client().stats({ project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600, metrics });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      ...PAYLOADS.map((payload, i) => ({ at: HOUR0 + i * 60_000, body: customFeedback(P, payload) })),
      ...NO_VALUE_PAYLOADS.map((payload, i) => ({ at: HOUR0 + 2 * 3_600_000 + i * 60_000, body: customFeedback(P, payload) })),
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
});
