// Numbers and grids at the edges (SEMANTICS §5): payload numbers that overflow a 64-bit float are
// a 400, never a stored null; sums are exact and rounded once, and they and averages are
// refused only when that sum leaves the float range; percentiles between ±1.8e308 are finite; stats bucket keys stay in years
// 0001–9999; empty stats filter strings filter nothing; huge aggregate buckets over old rows keep
// exact keys. Each answer is also compared with the shared rules the MSW fake computes with.
import fc from 'fast-check';
import type { FeedbackAggregateReq, FeedbackStatsReq } from '@feedback/api-types';
import { exactSum, percentileCont } from '@feedback/semantics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback, monitorFeedback, monitorRef, runnableFeedback } from './support/query-bodies.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';
import { expect400 } from './support/query-errors.js';
import { seedFeedback } from './support/query-seed.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const MAX = Number.MAX_VALUE;
const DAY = '2024-06-01T00:00:00Z';
const NEXT_DAY = '2024-06-02T00:00:00Z';

describe.each(testEngines())('numbers and grids at the edges on $name', (engine) => {
  let srv: TestServer;
  const stats = (body: FeedbackStatsReq) => srv.client().stats(body);
  const aggregate = (body: FeedbackAggregateReq) => srv.client().aggregate(body);
  const storedPayloads = async (project: string): Promise<unknown[]> =>
    (await srv.db.query<{ payload: unknown }>('SELECT payload FROM feedback WHERE project_id = $1 ORDER BY created_at', [project])).rows.map((r) => r.payload);

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  describe('payload numbers on create', () => {
    const P = 'acme/number-payloads';
    const createRaw = (payloadJson: string) =>
      srv.post('/feedback/create', `{"project_id":"${P}","weave_ref":"weave:///${P}/call/c","feedback_type":"custom","payload":${payloadJson}}`);

    it.each([
      ['{"score": 1e400}', 'payload.score'],
      ['{"score": -1e400}', 'payload.score'],
      ['{"a": {"b": [1, 2, 1.8e308]}}', 'payload.a.b[2]'],
      ['{"ok": 1e308, "bad key": 1E+999}', 'payload["bad key"]'],
    ])('refuses %s with a 400 naming %s, and stores nothing', async (payload, path) => {
      const res = await createRaw(payload);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        reason: `Number out of range at ${path}: JSON numbers must fit a 64-bit float (at most about ±1.8e308).`,
        error_type: 'InvalidRequest',
      });
      expect(await storedPayloads(P)).toEqual([]);
    });

    it('stores the largest finite numbers exactly and an underflowing one as 0', async () => {
      srv.clock.now = Date.parse(DAY);
      const res = await createRaw('{"max": 1.7976931348623157e308, "min": -1.7976931348623157e308, "tiny": 5e-324, "under": 1e-400}');
      expect(res.status).toBe(200);
      const stored = { max: MAX, min: -MAX, tiny: 5e-324, under: 0 };
      expect((res.body as { payload: unknown }).payload).toEqual(stored);
      expect(await storedPayloads(P)).toEqual([stored]);
    });
  });

  describe('sum, avg and percentiles over extreme values', () => {
    const P = 'acme/number-stats';
    const window = { project_id: P, start: DAY, end: NEXT_DAY, granularity: 3600 } as const;
    // Hour 0: the two ends of the float range. Hour 1: 2e155 and 0 (their squares overflow).
    // Hour 2: ordinary values, so a fallback for one bucket leaves the others untouched.
    const hours: number[][] = [[-MAX, MAX], [2e155, 0], [0.1, 0.2, 0.7]];

    beforeAll(async () => {
      await seedFeedback(
        srv.db,
        hours.flatMap((values, h) =>
          values.map((x, i) => ({ at: Date.parse(DAY) + h * 3_600_000 + i * 1000, body: customFeedback(P, { x, big: h === 0 ? 1e308 : 1 }) })),
        ),
      );
    });

    it('averages 2e155 and 0 to 1e155 (no sum of squares decides it)', async () => {
      const res = await stats({ ...window, metrics: [{ json_path: 'x', aggregations: ['avg', 'sum'] }] });
      expect(res.buckets?.[1]).toMatchObject({ avg_x: 1e155, sum_x: 2e155 });
      expect(res.buckets?.[0]).toMatchObject({ avg_x: 0, sum_x: 0 });
      expect(res.buckets?.[2]?.['avg_x']).toBe((0.1 + 0.2 + 0.7) / 3);
    });

    it('refuses a sum or avg only when the running sum leaves the float range (400)', async () => {
      // big: 1e308 twice in hour 0, so every bucket but that one is fine; the 400 is for the answer.
      for (const aggregation of ['sum', 'avg'] as const) {
        const err = await expect400(stats({ ...window, metrics: [{ json_path: 'big', aggregations: [aggregation] }] }));
        expect(err.reason).toMatch(/64-bit float/);
      }
      const res = await stats({ ...window, metrics: [{ json_path: 'big', aggregations: ['min', 'max', 'count'] }] });
      expect(res.window_stats).toEqual({ big: { min: 1, max: 1e308, count: 7 } });
    });

    it('gives finite percentiles between the ends of the float range, as the shared rule computes them', async () => {
      const percentiles = [0, 10, 25, 50, 75, 99.9, 100];
      const res = await stats({ ...window, metrics: [{ json_path: 'x', aggregations: ['count'], percentiles }] });
      const label = (p: number) => `p${p}_x`;
      hours.forEach((values, h) => {
        const sorted = [...values].sort((a, b) => a - b);
        for (const p of percentiles) expect(res.buckets?.[h]?.[label(p)], `hour ${h} p${p}`).toBe(percentileCont(sorted, p));
      });
      expect(res.buckets?.[0]?.['p50_x']).toBe(0);
      expect(res.buckets?.[0]?.['p0_x']).toBe(-MAX);
      expect(res.buckets?.[0]?.['p100_x']).toBe(MAX);
      const all = hours.flat().sort((a, b) => a - b);
      expect(res.window_stats?.['x']).toEqual({ count: 7, ...Object.fromEntries(percentiles.map((p) => [`p${p}`, percentileCont(all, p)])) });
      for (const v of Object.values(res.window_stats?.['x'] ?? {})) expect(Number.isFinite(v)).toBe(true);
    });
  });

  describe('sums are exact decimal sums rounded once (docs/semantics.md, "Exact sums")', () => {
    const P = 'acme/number-exact-sums';
    // In any order a float running sum loses the ones next to 1e16, and 0.1 + 0.2 is not 0.3.
    const values = [0.1, 1e16, 0.2, 1, 1, -1e16];

    beforeAll(async () => {
      await seedFeedback(srv.db, values.map((x, i) => ({ at: Date.parse(DAY) + i * 1000, body: customFeedback(P, { x }) })));
      await seedFeedback(srv.db, [0.1, 0.2, 0.4].map((r, i) => ({ at: Date.parse(DAY) + i * 1000, body: runnableFeedback(P, 'judge', { ratings: { _rating_: r } }) })));
    });

    it('stats sum and avg: the exact sum, and that sum over the count', async () => {
      const res = await stats({ ...{ project_id: P, start: DAY, end: NEXT_DAY, granularity: 86_400 }, feedback_type: 'custom.metric', metrics: [{ json_path: 'x', aggregations: ['sum', 'avg'] }] });
      expect(res.window_stats).toEqual({ x: { sum: 2.3, avg: 2.3 / 6 } });
      expect(exactSum(values)).toBe(2.3);
    });

    it('aggregate rating_sums: the exact sum per key', async () => {
      const res = await aggregate({ project_id: P, after_ms: Date.parse(DAY), before_ms: Date.parse(NEXT_DAY), feedback_types: ['wandb.runnable.'] });
      expect(res.buckets?.[0]?.rating_sums).toEqual({ _rating_: 0.7 });
      expect(0.1 + 0.2 + 0.4).not.toBe(0.7); // what a float running sum gives
    });
  });

  describe('percentiles over random values from the whole float range', () => {
    // JSON has no −0: it arrives as 0.
    const valueArb = fc
      .oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(MAX, -MAX, 1e308, -1e308, 5e-324, 0, 1))
      .map((v) => (Object.is(v, -0) ? 0 : v));
    const percentileArb = fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }).map((k) => k / 1000), { minLength: 1, maxLength: 4 });

    it('equal the shared rule (the arithmetic of the fake) bit for bit, and are finite', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(valueArb, { minLength: 1, maxLength: 6 }), percentileArb, async (values, percentiles) => {
          run += 1;
          const project = `acme/number-random-${run}`;
          await seedFeedback(srv.db, values.map((x, i) => ({ at: Date.parse(DAY) + i * 1000, body: customFeedback(project, { x }) })));
          const res = await stats({ project_id: project, start: DAY, end: NEXT_DAY, granularity: 86_400, metrics: [{ json_path: 'x', aggregations: ['min', 'max'], percentiles }] });
          const sorted = [...values].sort((a, b) => a - b);
          const expected = Object.fromEntries([
            ['min', sorted[0]],
            ['max', sorted[sorted.length - 1]],
            ...percentiles.map((p) => [`p${String(p)}`, percentileCont(sorted, p)]),
          ]);
          expect(res.window_stats?.['x']).toEqual(expected);
          for (const v of Object.values(res.window_stats?.['x'] ?? {})) expect(Number.isFinite(v)).toBe(true);
        }),
        { seed: fuzzSeed(), numRuns: Math.max(10, Math.round(fuzzRuns() / 5)) },
      );
    }, 120_000);
  });

  describe('the stats bucket grid stays within years 0001–9999', () => {
    const P = 'acme/number-grid';

    beforeAll(async () => {
      await seedFeedback(srv.db, [{ at: '1970-01-01T00:30:00Z', body: customFeedback(P, { x: 2 }) }]);
    });

    it('refuses a huge granularity whose first bucket would begin before year 0001 (400)', async () => {
      const err = await expect400(
        stats({ project_id: P, start: '1969-12-31T23:00:00Z', end: '1970-01-01T01:00:00Z', granularity: 100_000_000_000, metrics: [{ json_path: 'x' }] }),
      );
      expect(err.reason).toMatch(/^With granularity 100000000000 the bucket grid of this window needs a bucket beginning before year 0001 \(local time\)/);
    });

    it.each([100_000_000_000, 315_569_520_000])('answers granularity %d after 1970 with one bucket from the epoch, rows in it', async (granularity) => {
      const res = await stats({ project_id: P, start: '1970-01-01T00:00:00Z', end: '1970-01-01T01:00:00Z', granularity, metrics: [{ json_path: 'x', aggregations: ['sum'] }] });
      expect(res.buckets).toEqual([{ timestamp: '1970-01-01T00:00:00Z', sum_x: 2, count: 1 }]);
    });

    it('refuses a window whose local time reaches year 10000 (400)', async () => {
      const err = await expect400(stats({ project_id: P, start: '9999-12-31T00:00:00Z', end: '9999-12-31T23:00:00Z', timezone: 'Pacific/Kiritimati' }));
      expect(err.reason).toMatch(/after year 9999/);
    });
  });

  describe('empty stats filter strings filter nothing', () => {
    const P = 'acme/number-filters';

    it('counts every row with feedback_type "" and trigger_ref ""', async () => {
      await seedFeedback(srv.db, [
        { at: '2024-06-01T00:10:00Z', body: customFeedback(P, { x: 1 }) },
        { at: '2024-06-01T00:20:00Z', body: monitorFeedback(P, 'scorer_a', monitorRef(P, 'mon')) },
      ]);
      const base = { project_id: P, start: DAY, end: NEXT_DAY, granularity: 86_400 };
      for (const filters of [{}, { feedback_type: '' }, { trigger_ref: '' }, { feedback_type: '', trigger_ref: '' }]) {
        const res = await stats({ ...base, ...filters });
        expect(res.buckets?.map((b) => b.count), JSON.stringify(filters)).toEqual([2]);
      }
    });
  });

  describe('aggregate time buckets of any size over old rows', () => {
    const P = 'acme/number-buckets';
    // 1e12 ms is 2001-09-09T01:46:40Z: a bucket boundary for 1e9-second buckets.
    const BOUNDARY = 1_000_000_000_000;
    const rowsAt = [BOUNDARY - 1, BOUNDARY, BOUNDARY + 999, BOUNDARY + 1000];

    beforeAll(async () => {
      await seedFeedback(srv.db, rowsAt.map((at) => ({ at, body: customFeedback(P, {}) })));
    });

    const bucketsOf = async (seconds: number) => {
      const res = await aggregate({ project_id: P, after_ms: BOUNDARY - 86_400_000, before_ms: BOUNDARY + 86_400_000, time_bucket_seconds: seconds });
      expect(res.time_bucket_seconds).toBe(seconds);
      return (res.buckets ?? []).map((b) => [b.time_bucket_start_ms, b.total_count]);
    };

    it.each([
      // date_bin's stride up to 1e9 s; beyond it the exact numeric form
      [1_000_000_000, [[0, 1], [BOUNDARY, 3]]],
      [1_000_000_001, [[0, 3], [BOUNDARY + 1000, 1]]],
      [2 ** 35, [[0, 4]]],
      // ten thousand years, the largest the spec allows
      [315_569_520_000, [[0, 4]]],
    ])('time_bucket_seconds %d keys every row exactly, from the epoch', async (seconds, expected) => {
      expect(await bucketsOf(seconds)).toEqual(expected);
    });
  });
});
