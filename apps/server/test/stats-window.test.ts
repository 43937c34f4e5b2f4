// /feedback/stats window and granularity (SEMANTICS §2 "Window and granularity"): start
// inclusive and end exclusive to the millisecond, end defaulting to now, the 31-day limit,
// end < start, the resolved start/end in UTC; the auto-granularity table at each boundary,
// explicit values, the 10,000-bucket cap and the 422 for a negative value. Every expected
// granularity and bucket count is worked out by hand in the comments.
import type { FeedbackMetricSpec, FeedbackStatsReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { expect400, expect422 } from './support/query-errors.js';
import { seedFeedback } from './support/query-seed.js';
import { bucketCounts, bucketStarts, DAY_MS, HOUR_MS, isUtcText } from './support/stats-buckets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// 2024-01-01T00:00:00Z = 1704067200 s: a multiple of 300, 3600, 21600, 43200 and 86400.
const START = '2024-01-01T00:00:00.000Z';
const START_MS = Date.parse(START);
// The window tests' rows sit around T0, months away from every granularity range.
const T0 = Date.parse('2024-06-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testEngines())('stats window and granularity on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-window';
  const stats = (body: Omit<FeedbackStatsReq, 'project_id'>) => srv.client().stats({ project_id: P, ...body });
  const metrics: FeedbackMetricSpec[] = [{ json_path: 'v', aggregations: ['sum', 'count'] }];

  beforeAll(async () => {
    srv = await startTestServer(engine);
    // One row exactly at START (start is inclusive), so granularity bucket counts see data too.
    // Around T0, values are powers of two, so each sum names exactly which rows were counted.
    const at = [
      [T0 + 249, 1],
      [T0 + 250, 2],
      [T0 + 251, 4],
      [T0 + 3_600_749, 8],
      [T0 + 3_600_750, 16],
    ] as const;
    await seedFeedback(srv.db, [
      { at: START_MS, body: customFeedback(P, {}) },
      ...at.map(([ms, v]) => ({ at: ms, body: customFeedback(P, { v }) })),
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  describe('window', () => {
    it('counts start inclusively and end exclusively, to the millisecond', async () => {
      const res = await stats({ start: iso(T0 + 250), end: iso(T0 + 3_600_750), granularity: 3600, metrics });
      // Rows at +250 (2), +251 (4) and +3600.749 s (8); not +249 (before start) nor +3600.750 (= end).
      expect(res.window_stats).toEqual({ v: { sum: 14, count: 3 } });
      // Bucket 00:00 holds 2 + 4; bucket 01:00 holds 8.
      expect(bucketCounts(res)).toEqual([2, 1]);
      expect(res.buckets?.map((b) => b['sum_v'])).toEqual([6, 8]);
    });

    it('moves the bounds by a single millisecond', async () => {
      const res = await stats({ start: iso(T0 + 249), end: iso(T0 + 3_600_751), granularity: 3600, metrics });
      expect(res.window_stats).toEqual({ v: { sum: 31, count: 5 } });
      const none = await stats({ start: iso(T0 + 252), end: iso(T0 + 3_600_749), granularity: 3600, metrics });
      expect(none.window_stats).toEqual({ v: { sum: 0, count: 0 } });
    });

    it('reads start and end in any offset and answers them in UTC', async () => {
      const res = await stats({ start: '2024-06-01T02:00:00.250+02:00', end: '2024-05-31T21:00:00.750-04:00', granularity: 3600, metrics, timezone: 'Asia/Kolkata' });
      expect(Date.parse(res.start)).toBe(T0 + 250);
      expect(Date.parse(res.end)).toBe(T0 + 3_600_750);
      expect(isUtcText(res.start)).toBe(true);
      expect(isUtcText(res.end)).toBe(true);
      expect(res.window_stats).toEqual({ v: { sum: 14, count: 3 } });
    });

    it('defaults end to now (the server clock)', async () => {
      srv.clock.now = T0 + 3_600_750;
      const res = await stats({ start: iso(T0), granularity: 3600, metrics });
      expect(Date.parse(res.end)).toBe(T0 + 3_600_750);
      expect(res.window_stats).toEqual({ v: { sum: 15, count: 4 } });
      srv.clock.now = T0 + 3_600_751;
      const later = await stats({ start: iso(T0), end: null, granularity: 3600, metrics });
      expect(Date.parse(later.end)).toBe(T0 + 3_600_751);
      expect(later.window_stats).toEqual({ v: { sum: 31, count: 5 } });
    });

    it('allows exactly 31 days', async () => {
      const res = await stats({ start: iso(T0 - 30 * DAY_MS), end: iso(T0 + DAY_MS), metrics });
      expect(res.granularity).toBe(86_400);
      expect(res.buckets).toHaveLength(31);
      expect(res.window_stats).toEqual({ v: { sum: 31, count: 5 } });
    });

    it('refuses more than 31 days (422), by one millisecond', async () => {
      await expect422(stats({ start: iso(T0 - 30 * DAY_MS), end: iso(T0 + DAY_MS + 1) }), 'end');
      srv.clock.now = T0 + DAY_MS + 1;
      await expect422(stats({ start: iso(T0 - 30 * DAY_MS) }), 'end');
    });

    it('refuses end before start (422), and allows end equal to start', async () => {
      await expect422(stats({ start: iso(T0 + 1), end: iso(T0) }), 'end');
      const empty = await stats({ start: iso(T0 + 250), end: iso(T0 + 250), metrics });
      expect(empty.granularity).toBe(300);
      expect(empty.window_stats).toEqual({ v: { sum: 0, count: 0 } });
    });

    it('answers a window in year 9999, the latest the API accepts', async () => {
      const res = await stats({ start: '9999-12-31T00:00:00Z', end: '9999-12-31T23:59:59.999Z', metrics });
      expect(res.granularity).toBe(21_600);
      const day = Date.parse('9999-12-31T00:00:00Z');
      expect(res.buckets?.map((b) => Date.parse(b.timestamp))).toEqual([0, 1, 2, 3].map((i) => day + i * 21_600_000));
      expect(bucketCounts(res)).toEqual([0, 0, 0, 0]);
    });

    it('refuses a window in year 0000 (400): its buckets would begin before year 0001 (§5)', async () => {
      const err = await expect400(stats({ start: '0000-01-01T00:00:00Z', end: '0000-01-02T00:00:00Z', metrics }));
      expect(err.reason).toMatch(/before year 0001/);
    });

    it('answers a window on the first day of year 0001, the earliest grid there is', async () => {
      const res = await stats({ start: '0001-01-01T00:00:00Z', end: '0001-01-02T00:00:00Z', metrics });
      expect(res.granularity).toBe(21_600);
      const day = Date.parse('0001-01-01T00:00:00Z');
      expect(res.buckets?.map((b) => Date.parse(b.timestamp))).toEqual([0, 1, 2, 3].map((i) => day + i * 21_600_000));
      expect(bucketCounts(res)).toEqual([0, 0, 0, 0]);
      expect(res.window_stats).toEqual({ v: { sum: 0, count: 0 } });
    });

    it('refuses start/end that are not date-times with an offset (422)', async () => {
      await expect422(stats({ start: 'yesterday' }), 'start');
      await expect422(stats({ start: '2024-06-01T00:00:00' }), 'start');
      await expect422(stats({ start: iso(T0), end: '2024-06-02' }), 'end');
    });
  });

  describe('granularity', () => {
    // [range, expected granularity, expected bucket count from an aligned start: every bucket
    // that begins before end = ceil(range / g)].
    const autoTable: [label: string, rangeMs: number, granularity: number, buckets: number][] = [
      ['1 ms', 1, 300, 1],
      ['exactly 2 h', 2 * HOUR_MS, 300, 24],
      ['2 h + 1 ms', 2 * HOUR_MS + 1, 3600, 3],
      ['exactly 12 h', 12 * HOUR_MS, 3600, 12],
      ['12 h + 1 ms', 12 * HOUR_MS + 1, 21_600, 3],
      ['exactly 3 d', 3 * DAY_MS, 21_600, 12],
      ['3 d + 1 ms', 3 * DAY_MS + 1, 43_200, 7],
      ['exactly 14 d', 14 * DAY_MS, 43_200, 28],
      ['14 d + 1 ms', 14 * DAY_MS + 1, 86_400, 15],
      ['exactly 31 d', 31 * DAY_MS, 86_400, 31],
    ];

    it.each(autoTable)('auto granularity for a range of %s', async (_label, rangeMs, granularity, buckets) => {
      const res = await stats({ start: START, end: iso(START_MS + rangeMs) });
      expect(res.granularity).toBe(granularity);
      expect(res.buckets).toHaveLength(buckets);
      const starts = bucketStarts(res);
      starts.forEach((s, i) => expect(s).toBe(START_MS + i * granularity * 1000));
      for (const b of res.buckets ?? []) expect(isUtcText(b.timestamp)).toBe(true);
      expect(bucketCounts(res).reduce((a, b) => a + b, 0)).toBe(1);
      expect(res.buckets?.[0]?.count).toBe(1);
    });

    it('treats granularity 0 and null as auto', async () => {
      const end = iso(START_MS + 12 * HOUR_MS + 1);
      expect((await stats({ start: START, end, granularity: 0 })).granularity).toBe(21_600);
      expect((await stats({ start: START, end, granularity: null })).granularity).toBe(21_600);
    });

    it('keeps an explicit granularity that the cap allows', async () => {
      const res = await stats({ start: START, end: iso(START_MS + DAY_MS), granularity: 7200 });
      expect(res.granularity).toBe(7200);
      expect(res.buckets).toHaveLength(12);
      expect(bucketStarts(res)[11]).toBe(START_MS + 22 * HOUR_MS);
    });

    it('keeps exactly 10,000 buckets: 600,000 s at 60 s', async () => {
      const res = await stats({ start: START, end: iso(START_MS + 600_000_000), granularity: 60 });
      expect(res.granularity).toBe(60);
      expect(res.buckets).toHaveLength(10_000);
      expect(bucketStarts(res)[9999]).toBe(START_MS + 9999 * 60_000);
    });

    it('coarsens past 10,000 buckets: 600,000.001 s at 60 s becomes floor(60.0000001) + 1 = 61', async () => {
      const res = await stats({ start: START, end: iso(START_MS + 600_000_001), granularity: 60 });
      expect(res.granularity).toBe(61);
      // 61-s keys are epoch multiples: 1704067200 = 61 · 27935527 + 53, so the first bucket begins
      // 53 s before start, at 1704067147 s. The last begins before end (1704667200.001 s):
      // floor(1704667200 / 61) = 27945363 (remainder 27). Buckets: 27945363 − 27935527 + 1 = 9837.
      expect(res.buckets).toHaveLength(9837);
      expect(bucketStarts(res)[0]).toBe(1_704_067_147_000);
      expect(bucketStarts(res)[9836]).toBe(27_945_363 * 61_000);
      // The first bucket began before start and holds the row at start; it counts.
      expect(res.buckets?.[0]?.count).toBe(1);
    });

    it('coarsens 31 days at 1 s or 60 s to floor(2,678,400 / 10,000) + 1 = 268', async () => {
      const end = iso(START_MS + 31 * DAY_MS);
      for (const granularity of [1, 60]) {
        const res = await stats({ start: START, end, granularity });
        expect(res.granularity).toBe(268);
        // 1704067200 = 268 · 6358459 + 188: the first bucket begins 188 s before start.
        // end = 1706745600 s; the last key below it is 268 · 6368453. 6368453 − 6358459 + 1 = 9995.
        expect(res.buckets).toHaveLength(9995);
        expect(bucketStarts(res)[0]).toBe(START_MS - 188_000);
        expect(res.buckets?.[0]?.timestamp.startsWith('2023-12-31T23:56:52')).toBe(true);
      }
    });

    it('keeps a granularity coarser than the cap needs', async () => {
      const res = await stats({ start: START, end: iso(START_MS + 31 * DAY_MS), granularity: 1_000_000 });
      expect(res.granularity).toBe(1_000_000);
      // Keys are multiples of 10^6 s: 1704000000 (before start), 1705000000, 1706000000; the
      // next, 1707000000, is after end (1706745600).
      expect(bucketStarts(res)).toEqual([1_704_000_000_000, 1_705_000_000_000, 1_706_000_000_000]);
    });

    it('refuses a negative granularity (422)', async () => {
      await expect422(stats({ start: START, end: iso(START_MS + HOUR_MS), granularity: -1 }), 'granularity');
    });

    it('refuses a fractional granularity (422)', async () => {
      await expect422(stats({ start: START, end: iso(START_MS + HOUR_MS), granularity: 1.5 }), 'granularity');
    });
  });
});
