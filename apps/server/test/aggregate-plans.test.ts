// The two plans of /feedback/aggregate (one pass over a materialised CTE for small windows, three
// parallel-capable passes for large ones) must give identical answers: the server picks between
// them by a capped count of the matching rows, so every request must be right under either.
import type { FeedbackAggregateReq } from '@feedback/api-types';
import { checkAggregateRequest } from '@feedback/semantics';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aggregatePlanFor,
  buildAggregateProbeSql,
  buildAggregateSql,
  ONE_PASS_BELOW_ROWS,
  toAggregateQuery,
  type AggregateQuery,
  type AggregateRow,
} from '../src/sql/aggregate-query.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { customFeedback, runnableFeedback } from './support/query-bodies.js';
import { seedFeedback, type SeedRow } from './support/query-seed.js';

const P = 'acme/agg-plans';
const T0 = Date.parse('2024-06-01T00:00:00Z');
const MIN = 60_000;
const SCORERS = ['a', 'B', 'é', '😀'];
const STATUSES = ['OK', 'ERROR', 'UNSET'] as const;
const TAGS = [[], ['x'], ['x', 'x', 'y'], ['～', 'Y']];

// 240 rows over four hours: scorers, statuses, tags, ratings (some rows without any),
// a few rows too large for the covering index, and some custom rows without a scorer.
const ROWS: SeedRow[] = Array.from({ length: 240 }, (_, i) => {
  const at = T0 + i * MIN;
  if (i % 17 === 0) return { at, body: customFeedback(P, { pad: 'p'.repeat(i % 34 === 0 ? 3_000 : 10) }) };
  const ratings = i % 5 === 0 ? {} : { _rating_: (i % 11) / 10, ...(i % 3 === 0 ? { quality: (i % 7) / 7 } : {}) };
  return {
    at,
    body: runnableFeedback(P, SCORERS[i % SCORERS.length] as string, {
      status: STATUSES[i % STATUSES.length] as (typeof STATUSES)[number],
      tags: TAGS[i % TAGS.length] as string[],
      ratings,
      agent: i % 2 === 0 ? 'x' : 'y',
    }),
  };
});

/** The SQL query the route builds for this request (hourly, grouped by scorer and status, by default). */
function query(over: Partial<FeedbackAggregateReq> = {}): AggregateQuery {
  return toAggregateQuery(
    checkAggregateRequest({
      project_id: P,
      after_ms: T0,
      before_ms: T0 + 4 * 60 * MIN,
      time_bucket_seconds: 3600,
      group_by: ['scorer_id', 'span_status_code'],
      ...over,
    }),
  );
}

describe.each(testEngines())('aggregate plans on $name', (engine) => {
  const database = useTestDatabase(engine);
  beforeAll(async () => {
    await seedFeedback(database().db, ROWS);
  }, 60_000);

  const run = async (q: AggregateQuery, plan: 'one-pass' | 'three-pass') => {
    const s = buildAggregateSql(q, plan);
    return (await database().db.query<AggregateRow>(s.sql, s.params)).rows;
  };

  it.each([
    ['hourly, grouped by scorer and status', query()],
    ['all time, no buckets, no groups', query({ after_ms: 0, time_bucket_seconds: null, group_by: [] })],
    ['filtered by tags and a rating range', query({ tags: ['x', 'Y'], rating_min: 0.2, rating_max: 0.8 })],
    ['filtered by scorer prefix, grouped by agent', query({ scorer_ids: ['é', 'a*'], group_by: ['span_agent_name'] })],
    ['a window with no rows', query({ after_ms: T0 - 60 * MIN, before_ms: T0 })],
  ])('%s: one pass and three passes answer the same', async (_label, q) => {
    const onePass = await run(q, 'one-pass');
    expect(await run(q, 'three-pass')).toEqual(onePass);
    // The answers are in order, maps included: compare key order too.
    expect(JSON.stringify(await run(q, 'three-pass'))).toBe(JSON.stringify(onePass));
  });

  it('the probe counts matching rows up to its cap, and the plan follows the count', async () => {
    const probe = async (q: AggregateQuery, limit?: number) => {
      const s = buildAggregateProbeSql(q, limit);
      return (await database().db.query<{ n: number }>(s.sql, s.params)).rows[0]?.n;
    };
    expect(await probe(query())).toBe(240);
    expect(await probe(query(), 100)).toBe(100);
    expect(await probe(query({ tags: ['y'] }))).toBe(ROWS.filter((r) => (r.body.scorer_tags ?? []).includes('y')).length);
    expect(aggregatePlanFor(0)).toBe('one-pass');
    expect(aggregatePlanFor(ONE_PASS_BELOW_ROWS - 1)).toBe('one-pass');
    expect(aggregatePlanFor(ONE_PASS_BELOW_ROWS)).toBe('three-pass');
  });
});
