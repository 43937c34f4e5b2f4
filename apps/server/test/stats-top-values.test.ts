// /feedback/stats `top_values` (our extension, docs/semantics.md): the N values most frequent over
// the window, counted in every bucket (same values everywhere) and in total, plus `other`; ties by
// code point; categorical extraction (other scalars as JSON text); the filters; 400 off categorical;
// and an answer without the extension unchanged. Expected counts are worked out by hand from the
// rows below, and a generated set is checked against the shared JS counting (countTopValues).
import type { FeedbackStatsRes } from '@feedback/api-types';
import { bucketKeyOf, countTopValues, resolveStatsWindow } from '@feedback/semantics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { expect400 } from './support/query-errors.js';
import { seedFeedback, type SeedRow } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HOUR0 = Date.parse('2024-06-01T00:00:00Z');
const H = 3_600_000;
const P = 'acme/stats-top-values';
const P_GEN = 'acme/stats-top-values-generated';

// Hour 0: pass ×3, fail, 7 (a number), true (a boolean); hour 1 empty; hour 2: fail ×2, skip,
// 'Zed', 'é', rows without a value, and a pass of another feedback_type.
const ROWS: [at: number, payload: Record<string, unknown>, type?: string][] = [
  [HOUR0 + 1, { v: 'pass' }],
  [HOUR0 + 2, { v: 'pass' }],
  [HOUR0 + 3, { v: 'pass' }],
  [HOUR0 + 4, { v: 'fail' }],
  [HOUR0 + 5, { v: 7 }],
  [HOUR0 + 6, { v: true }],
  [HOUR0 + 2 * H + 1, { v: 'fail' }],
  [HOUR0 + 2 * H + 2, { v: 'fail' }],
  [HOUR0 + 2 * H + 3, { v: 'skip' }],
  [HOUR0 + 2 * H + 4, { v: 'Zed' }],
  [HOUR0 + 2 * H + 5, { v: 'é' }],
  [HOUR0 + 2 * H + 6, { v: null }],
  [HOUR0 + 2 * H + 7, { v: { nested: 'x' } }],
  [HOUR0 + 2 * H + 8, {}],
  [HOUR0 + 2 * H + 9, { v: 'pass' }, 'other.type'],
];

/** A small alphabet so that counts tie often; some rows carry no value. */
function generatedRows(): SeedRow[] {
  let seed = 12;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const alphabet = ['a', 'b', 'B', 'c', '😀', '\uFFFD', 'é', 3, false];
  return Array.from({ length: 240 }, () => {
    const pick = Math.floor(next() * (alphabet.length + 1));
    const payload = pick === alphabet.length ? {} : { v: alphabet[pick] };
    return { at: HOUR0 + Math.floor(next() * 30 * H), body: customFeedback(P_GEN, payload) };
  });
}

describe.each(testEngines())('stats top_values on $name', (engine) => {
  let srv: TestServer;
  const window = { start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600 };
  const generated = generatedRows();

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      ...ROWS.map(([at, payload, type]) => ({ at, body: customFeedback(P, payload, type) })),
      ...generated,
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('counts the window top N in every bucket, ties by code point, other scalars as JSON text', async () => {
    const res = await srv.client().stats({ project_id: P, ...window, metrics: [{ json_path: 'v', value_type: 'categorical', top_values: 4 }] });
    // pass 4 (one row of another feedback_type: no filter here), fail 3, then five values once each:
    // '7' < 'Zed' < 'skip' < 'true' < 'é' by code point, so '7' and 'Zed' make the top 4.
    expect(res.top_values).toEqual({
      v: {
        values: ['pass', 'fail', '7', 'Zed'],
        window: { counts: [4, 3, 1, 1], other: 3 },
        buckets: [
          { counts: [3, 1, 1, 0], other: 1 },
          { counts: [0, 0, 0, 0], other: 0 },
          { counts: [1, 2, 0, 1], other: 2 },
        ],
      },
    });
    // Top values and other add up to the metric's present values, in every bucket.
    expect(res.buckets?.map((b) => b['count_v'])).toEqual([6, 0, 6]);
    expect(res.window_stats).toEqual({ v: { count: 12 } });
  });

  it('applies the request filters, and N larger than the distinct values lists them all', async () => {
    const res = await srv.client().stats({ project_id: P, ...window, feedback_type: 'custom.metric', metrics: [{ json_path: 'v', value_type: 'categorical', top_values: 50 }] });
    // Without the other.type row pass and fail tie at 3: 'fail' < 'pass'. Then by code point:
    // '7' < 'Zed' < 'skip' < 'true' < 'é'.
    expect(res.top_values?.['v']?.values).toEqual(['fail', 'pass', '7', 'Zed', 'skip', 'true', 'é']);
    expect(res.top_values?.['v']?.window).toEqual({ counts: [3, 3, 1, 1, 1, 1, 1], other: 0 });
  });

  it('keys each asking metric by slug, beside metrics that do not ask', async () => {
    const res = await srv.client().stats({
      project_id: P,
      ...window,
      metrics: [{ json_path: 'v', value_type: 'categorical', top_values: 1 }, { json_path: 'v2' }, { json_path: 'missing.path', value_type: 'categorical', top_values: 2 }],
    });
    expect(Object.keys(res.top_values ?? {})).toEqual(['v', 'missing_path']);
    expect(res.top_values?.['v']).toMatchObject({ values: ['pass'], window: { counts: [4], other: 8 } });
    expect(res.top_values?.['missing_path']).toEqual({ values: [], window: { counts: [], other: 0 }, buckets: [0, 1, 2].map(() => ({ counts: [], other: 0 })) });
  });

  it('is absent unless asked for', async () => {
    const res = await srv.client().stats({ project_id: P, ...window, metrics: [{ json_path: 'v', value_type: 'categorical' }] });
    expect(Object.keys(res)).toEqual(['start', 'end', 'granularity', 'timezone', 'buckets', 'window_stats']);
  });

  it('is a 400 on a numeric or boolean metric', async () => {
    const err = await expect400(srv.client().stats({ project_id: P, ...window, metrics: [{ json_path: 'v', top_values: 3 }] }));
    expect(err.message).toMatch(/top_values applies only to categorical metrics/);
    await expect400(srv.client().stats({ project_id: P, ...window, metrics: [{ json_path: 'v', value_type: 'boolean', top_values: 3 }] }));
  });

  it('agrees with the shared counting on generated rows, in local-time buckets', async () => {
    const request = { project_id: P_GEN, start: '2024-06-01T00:00:00Z', end: '2024-06-02T06:00:00Z', granularity: 7200, timezone: 'Asia/Kolkata' };
    const res: FeedbackStatsRes = await srv.client().stats({ ...request, metrics: [{ json_path: 'v', value_type: 'categorical', top_values: 5 }] });
    const resolved = resolveStatsWindow(request, 0);
    const tallies = new Map<number, Map<string, number>>();
    for (const row of generated) {
      const v = row.body.payload['v'];
      if (v === undefined) continue;
      const key = bucketKeyOf(Number(row.at), resolved.granularity, resolved.timeZone);
      const tally = tallies.get(key) ?? new Map<string, number>();
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      tally.set(text, (tally.get(text) ?? 0) + 1);
      tallies.set(key, tally);
    }
    const expected = countTopValues(tallies, 5);
    const top = res.top_values?.['v'];
    expect(top?.values).toEqual(expected.values);
    expect(top?.window).toEqual(expected.window);
    expect(top?.buckets.reduce((sum, b) => sum + b.other + b.counts.reduce((s, n) => s + n, 0), 0)).toBe(res.window_stats?.['v']?.['count']);
    expect(top?.buckets.filter((b) => b.other + b.counts.reduce((s, n) => s + n, 0) > 0)).toEqual([...expected.byBucketKey.entries()].sort(([a], [b]) => a - b).map(([, c]) => c));
  });
});
