// /feedback/stats bucket grid in a time zone (SEMANTICS §2 "Bucket grid"): buckets begin at local
// wall-clock multiples of the granularity, timestamps carry the zone's offset at that instant,
// DST days are 23 or 25 hours long, gap hours form no bucket, and the first bucket may begin
// before start without counting rows from before start.
import type { FeedbackStatsReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect400 } from './support/query-errors.js';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { bucketCounts, bucketStarts, HOUR_MS, isUtcText } from './support/stats-buckets.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

// Each row's local time (worked out by hand) in the comment beside it.
const NY_SPRING_ROWS = [
  '2024-03-10T04:59:59.999Z', // Sat Mar 9 23:59:59.999 EST
  '2024-03-10T05:00:00.000Z', // Sun Mar 10 00:00 EST
  '2024-03-10T06:59:59.999Z', // Mar 10 01:59:59.999 EST (the last instant before the gap)
  '2024-03-10T07:00:00.000Z', // Mar 10 03:00 EDT (02:00–02:59 never happens)
  '2024-03-11T03:59:59.999Z', // Mar 10 23:59:59.999 EDT
  '2024-03-11T04:00:00.000Z', // Mon Mar 11 00:00 EDT
];
const NY_FALL_ROWS = [
  '2024-11-03T03:59:59.999Z', // Sat Nov 2 23:59:59.999 EDT
  '2024-11-03T04:00:00.000Z', // Sun Nov 3 00:00 EDT
  '2024-11-03T05:30:00.000Z', // Nov 3 01:30 EDT (first pass)
  '2024-11-03T06:30:00.000Z', // Nov 3 01:30 EST (second pass)
  '2024-11-04T04:59:59.999Z', // Nov 3 23:59:59.999 EST
  '2024-11-04T05:00:00.000Z', // Mon Nov 4 00:00 EST
];
const KOLKATA_ROWS = [
  '2024-05-31T23:45:00.000Z', // 05:15 IST: in the first bucket's span, but before start
  '2024-06-01T00:00:00.000Z', // 05:30 IST = start
  '2024-06-01T00:29:59.999Z', // 05:59:59.999 IST
  '2024-06-01T00:30:00.000Z', // 06:00 IST
  '2024-06-01T02:59:59.999Z', // 08:29:59.999 IST
  '2024-06-01T03:00:00.000Z', // 08:30 IST = end: excluded
];

describe.each(testEngines())('stats time zones on $name', (engine) => {
  let srv: TestServer;
  const NY_P = 'acme/stats-tz-ny';
  const IN_P = 'acme/stats-tz-in';
  const CET_P = 'acme/stats-tz-cet';
  const stats = (body: FeedbackStatsReq) => srv.client().stats(body);

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [
      ...[...NY_SPRING_ROWS, ...NY_FALL_ROWS].map((at) => ({ at, body: customFeedback(NY_P, {}) })),
      ...KOLKATA_ROWS.map((at) => ({ at, body: customFeedback(IN_P, {}) })),
      ...['2024-06-01T21:59:59.999Z', '2024-06-01T22:30:00.000Z'].map((at) => ({ at, body: customFeedback(CET_P, {}) })),
    ]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('New York days across the spring-forward day (23 hours)', async () => {
    const res = await stats({ project_id: NY_P, start: '2024-03-08T05:00:00Z', end: '2024-03-12T04:00:00Z', granularity: 86_400, timezone: NY });
    expect(res.timezone).toBe(NY);
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-03-08T00:00:00-05:00',
      '2024-03-09T00:00:00-05:00',
      '2024-03-10T00:00:00-05:00',
      '2024-03-11T00:00:00-04:00',
    ]);
    expect(bucketCounts(res)).toEqual([0, 1, 4, 1]);
    const starts = bucketStarts(res);
    expect((starts[3] ?? 0) - (starts[2] ?? 0)).toBe(23 * HOUR_MS);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBe(24 * HOUR_MS);
    expect(Date.parse(res.start)).toBe(Date.parse('2024-03-08T05:00:00Z'));
    expect(isUtcText(res.start)).toBe(true);
    expect(isUtcText(res.end)).toBe(true);
  });

  it('New York days across the fall-back day (25 hours)', async () => {
    const res = await stats({ project_id: NY_P, start: '2024-11-02T04:00:00Z', end: '2024-11-05T05:00:00Z', granularity: 86_400, timezone: NY });
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-11-02T00:00:00-04:00',
      '2024-11-03T00:00:00-04:00',
      '2024-11-04T00:00:00-05:00',
    ]);
    // Both 01:30s (EDT and EST) are Nov 3 local time.
    expect(bucketCounts(res)).toEqual([1, 4, 1]);
    const starts = bucketStarts(res);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBe(25 * HOUR_MS);
  });

  it('New York hours skip the spring-forward gap: no 02:00 bucket', async () => {
    const res = await stats({ project_id: NY_P, start: '2024-03-10T05:00:00Z', end: '2024-03-10T09:00:00Z', granularity: 3600, timezone: NY });
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-03-10T00:00:00-05:00',
      '2024-03-10T01:00:00-05:00',
      '2024-03-10T03:00:00-04:00',
      '2024-03-10T04:00:00-04:00',
    ]);
    expect(bucketCounts(res)).toEqual([1, 1, 1, 0]);
  });

  it('New York hours in the fall-back: the repeated 01:00 hour is one bucket of two hours', async () => {
    const res = await stats({ project_id: NY_P, start: '2024-11-03T04:00:00Z', end: '2024-11-03T08:00:00Z', granularity: 3600, timezone: NY });
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-11-03T00:00:00-04:00',
      '2024-11-03T01:00:00-04:00',
      '2024-11-03T02:00:00-05:00',
    ]);
    expect(bucketCounts(res)).toEqual([1, 2, 0]);
  });

  it('New York weeks count from local 1970-01-01 (a Thursday)', async () => {
    // 2024-03-07 is a Thursday, 19789 days (= 7 · 2827) after 1970-01-01.
    const res = await stats({ project_id: NY_P, start: '2024-03-07T05:00:00Z', end: '2024-03-21T04:00:00Z', granularity: 7 * 86_400, timezone: NY });
    expect(res.buckets?.map((b) => b.timestamp)).toEqual(['2024-03-07T00:00:00-05:00', '2024-03-14T00:00:00-04:00']);
    expect(bucketCounts(res)).toEqual([6, 0]);
  });

  it('Kolkata hours begin at :30 UTC; the first begins before start; end is exclusive', async () => {
    const res = await stats({ project_id: IN_P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600, timezone: KOLKATA });
    expect(res.timezone).toBe(KOLKATA);
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-06-01T05:00:00+05:30',
      '2024-06-01T06:00:00+05:30',
      '2024-06-01T07:00:00+05:30',
      '2024-06-01T08:00:00+05:30',
    ]);
    expect(bucketStarts(res)[0]).toBe(Date.parse('2024-05-31T23:30:00Z'));
    // 23:45Z is in the first bucket's span but before start: not counted. 03:00Z is end.
    expect(bucketCounts(res)).toEqual([2, 1, 0, 1]);
    expect(Date.parse(res.start)).toBe(Date.parse('2024-06-01T00:00:00Z'));
    expect(isUtcText(res.start)).toBe(true);
  });

  it('Kolkata days begin at 18:30 UTC the day before', async () => {
    const res = await stats({ project_id: IN_P, start: '2024-06-01T00:00:00Z', end: '2024-06-03T00:00:00Z', granularity: 86_400, timezone: KOLKATA });
    expect(res.buckets?.map((b) => b.timestamp)).toEqual([
      '2024-06-01T00:00:00+05:30',
      '2024-06-02T00:00:00+05:30',
      '2024-06-03T00:00:00+05:30',
    ]);
    expect(bucketCounts(res)).toEqual([5, 0, 0]);
  });

  it('the same rows in UTC (the default) use the epoch grid, written with a zero offset', async () => {
    const res = await stats({ project_id: IN_P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', granularity: 3600 });
    expect(res.timezone).toBe('UTC');
    expect(bucketStarts(res)).toEqual([0, 1, 2].map((h) => Date.parse('2024-06-01T00:00:00Z') + h * HOUR_MS));
    for (const b of res.buckets ?? []) expect(isUtcText(b.timestamp), b.timestamp).toBe(true);
    expect(bucketCounts(res)).toEqual([3, 0, 1]);
  });

  it('CET is the IANA zone (summer time +02:00), not a fixed +01:00 abbreviation', async () => {
    const res = await stats({ project_id: CET_P, start: '2024-05-31T22:00:00Z', end: '2024-06-02T22:00:00Z', granularity: 86_400, timezone: 'CET' });
    expect(res.timezone).toBe('CET');
    expect(res.buckets?.map((b) => b.timestamp)).toEqual(['2024-06-01T00:00:00+02:00', '2024-06-02T00:00:00+02:00']);
    // 21:59:59.999Z is Jun 1 23:59:59.999 CEST; 22:30Z is Jun 2 00:30 CEST.
    expect(bucketCounts(res)).toEqual([1, 1]);
  });

  it('refuses an unknown time zone (400)', async () => {
    await expect400(stats({ project_id: IN_P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', timezone: 'Mars/Olympus_Mons' }));
    await expect400(stats({ project_id: IN_P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T03:00:00Z', timezone: '' }));
  });
});
