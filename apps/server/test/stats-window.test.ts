// /feedback/stats window (SEMANTICS §2): start inclusive and end exclusive to the millisecond,
// end defaulting to now, the 31-day limit, end < start, and the resolved start/end in UTC.
import type { FeedbackMetricSpec, FeedbackStatsReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect422 } from './support/query-errors.js';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { bucketCounts, DAY_MS, isUtcText } from './support/stats-buckets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const T0 = Date.parse('2024-06-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(testEngines())('stats window on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-window';
  const stats = (body: Omit<FeedbackStatsReq, 'project_id'>) => srv.client().stats({ project_id: P, ...body });
  const metrics: FeedbackMetricSpec[] = [{ json_path: 'v', aggregations: ['sum', 'count'] }];

  beforeAll(async () => {
    srv = await startTestServer(engine);
    // Values are powers of two, so each sum names exactly which rows were counted.
    const at = [
      [T0 + 249, 1],
      [T0 + 250, 2],
      [T0 + 251, 4],
      [T0 + 3_600_749, 8],
      [T0 + 3_600_750, 16],
    ] as const;
    await seedFeedback(srv.db, at.map(([ms, v]) => ({ at: ms, body: customFeedback(P, { v }) })));
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

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

  it('answers a window in year 0000, the earliest the API accepts', async () => {
    const res = await stats({ start: '0000-01-01T00:00:00Z', end: '0000-01-02T00:00:00Z', metrics });
    expect(res.granularity).toBe(21_600);
    const day = Date.parse('0000-01-01T00:00:00Z');
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
