// /feedback/aggregate validation (SEMANTICS §3 "Validation"): every 422 rule and its edge,
// plus the allowed values right at each edge.
import type { FeedbackAggregateReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { apiErrorStatus, expect422 } from './support/query-errors.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/agg-validation';
const T0 = Date.parse('2024-06-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe.each(testEngines())('aggregate validation on $name', (engine) => {
  let srv: TestServer;
  const aggregate = (body: Omit<FeedbackAggregateReq, 'project_id'>) => srv.client().aggregate({ project_id: P, ...body });
  /** A raw body, for values the SDK's types would not let through. */
  const postRaw = (body: Record<string, unknown>) => srv.post('/feedback/aggregate', JSON.stringify({ project_id: P, after_ms: T0, before_ms: T0 + HOUR, ...body }));

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('requires before_ms > after_ms', async () => {
    await expect422(aggregate({ after_ms: T0, before_ms: T0 }), 'before_ms');
    await expect422(aggregate({ after_ms: T0, before_ms: T0 - 1 }), 'before_ms');
    expect((await aggregate({ after_ms: T0, before_ms: T0 + 1 })).buckets).toHaveLength(1);
  });

  it('requires after_ms and before_ms ≥ 0', async () => {
    await expect422(aggregate({ after_ms: -1, before_ms: T0 }), 'after_ms');
    await expect422(aggregate({ after_ms: 0, before_ms: -1 }), 'before_ms');
    expect((await aggregate({ after_ms: 0, before_ms: 1 })).after_ms).toBe(0);
  });

  it('requires time_bucket_seconds > 0 when given', async () => {
    await expect422(aggregate({ after_ms: T0, before_ms: T0 + HOUR, time_bucket_seconds: 0 }), 'time_bucket_seconds');
    await expect422(aggregate({ after_ms: T0, before_ms: T0 + HOUR, time_bucket_seconds: -60 }), 'time_bucket_seconds');
    await expect422(aggregate({ after_ms: T0, before_ms: T0 + HOUR, time_bucket_seconds: 1.5 }), 'time_bucket_seconds');
    expect((await aggregate({ after_ms: T0, before_ms: T0 + HOUR, time_bucket_seconds: null })).time_bucket_seconds).toBeNull();
  });

  it('allows exactly 256 buckets and refuses more', async () => {
    expect((await aggregate({ after_ms: T0, before_ms: T0 + 256 * HOUR, time_bucket_seconds: 3600 })).time_bucket_seconds).toBe(3600);
    await expect422(aggregate({ after_ms: T0, before_ms: T0 + 256 * HOUR + 1, time_bucket_seconds: 3600 }), 'time_bucket_seconds');
    expect((await aggregate({ after_ms: T0, before_ms: T0 + 256_000, time_bucket_seconds: 1 })).buckets).toEqual([]);
    await expect422(aggregate({ after_ms: T0, before_ms: T0 + 256_001, time_bucket_seconds: 1 }), 'time_bucket_seconds');
  });

  it('allows more than 31 days only for a bare project-wide total', async () => {
    const long = { after_ms: T0, before_ms: T0 + 31 * DAY + 1 };
    expect((await aggregate(long)).buckets).toHaveLength(1);
    expect((await aggregate({ after_ms: T0 - 365 * DAY, before_ms: T0 })).buckets).toHaveLength(1);
    await expect422(aggregate({ ...long, time_bucket_seconds: 86_400 }), 'before_ms');
    await expect422(aggregate({ ...long, group_by: ['scorer_id'] }), 'before_ms');
    await expect422(aggregate({ ...long, tags: ['a'] }), 'before_ms');
    await expect422(aggregate({ ...long, feedback_types: ['wandb.'] }), 'before_ms');
    await expect422(aggregate({ ...long, monitor_ids: ['mon'] }), 'before_ms');
    await expect422(aggregate({ ...long, scorer_ids: ['s*'] }), 'before_ms');
    await expect422(aggregate({ ...long, span_agent_names: ['bot'] }), 'before_ms');
    await expect422(aggregate({ ...long, span_types: ['agent_turn'] }), 'before_ms');
    await expect422(aggregate({ ...long, rating_min: 0 }), 'before_ms');
    await expect422(aggregate({ ...long, rating_max: 1 }), 'before_ms');
    // Exactly 31 days may be filtered, grouped and bucketed.
    const res = await aggregate({ after_ms: T0, before_ms: T0 + 31 * DAY, time_bucket_seconds: 86_400, group_by: ['scorer_id'], tags: ['a'], rating_min: 0 });
    expect(res.buckets).toEqual([]);
  });

  it('requires rating_min / rating_max within [0, 1]', async () => {
    const w = { after_ms: T0, before_ms: T0 + HOUR };
    await expect422(aggregate({ ...w, rating_min: -0.01 }), 'rating_min');
    await expect422(aggregate({ ...w, rating_min: 1.01 }), 'rating_min');
    await expect422(aggregate({ ...w, rating_max: -1 }), 'rating_max');
    await expect422(aggregate({ ...w, rating_max: 2 }), 'rating_max');
    expect((await aggregate({ ...w, rating_min: 0, rating_max: 1 })).buckets).toHaveLength(1);
  });

  it('refuses unknown span_types and group_by values', async () => {
    for (const body of [{ span_types: ['agent_call'] }, { span_types: ['agent_turn', 'turn'] }, { group_by: ['feedback_type'] }, { group_by: ['scorer_id', 'span_type'] }]) {
      const res = await postRaw(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const detail = (res.body as { detail?: { loc: unknown[] }[] }).detail ?? [];
      const field = Object.keys(body)[0] ?? '';
      expect(detail.some((d) => d.loc[0] === 'body' && d.loc.includes(field)), JSON.stringify(res.body)).toBe(true);
    }
  });

  it('refuses unknown fields and mistyped values', async () => {
    expect((await postRaw({ group: ['scorer_id'] })).status).toBe(422);
    expect((await postRaw({ after_ms: '2024-06-01' })).status).toBe(422);
    expect((await postRaw({ tags: 'a' })).status).toBe(422);
  });

  it('answers instants up to the last millisecond of year 9999 and refuses later ones (422)', async () => {
    const LAST_MS = 253_402_300_799_999;
    const everything = await aggregate({ after_ms: 0, before_ms: LAST_MS });
    expect(everything.buckets).toEqual([{ time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} }]);
    expect((await aggregate({ after_ms: LAST_MS - 1, before_ms: LAST_MS, time_bucket_seconds: 315_569_520_000 })).buckets).toEqual([]);
    await expect422(aggregate({ after_ms: 0, before_ms: LAST_MS + 1 }), 'before_ms');
    await expect422(aggregate({ after_ms: 8_640_000_000_000_001, before_ms: 8_640_000_000_000_002 }), 'after_ms');
    await expect422(aggregate({ after_ms: 0, before_ms: 1000, time_bucket_seconds: 315_569_520_001 }), 'time_bucket_seconds');
  });

  it('refuses a project the key does not grant (403)', async () => {
    expect(await apiErrorStatus(srv.client(KEYS.bob.key).aggregate({ project_id: P, after_ms: T0, before_ms: T0 + HOUR }))).toBe(403);
  });
});
