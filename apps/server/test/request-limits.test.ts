// The cost rules as the server applies them (the contract cases hold the answers themselves):
// a stats answer over the value limit is refused before any query runs, and the aggregate
// statement never hands back more than one row past the row limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AGGREGATE_ROWS, MAX_STATS_CELLS } from '@feedback/semantics';
import { buildAggregateSql, toAggregateQuery } from '../src/sql/aggregate-query.js';
import { testEngines } from './support/engines.js';
import { outageEngine } from './support/outage-engine.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const P = 'acme/request-limits';
const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-07-02T00:00:00Z' };
/** 4 metrics × 6 outputs at 5-minute buckets over 31 days: 8,928 × 26 + 24 = 232,152 values. */
const metrics = Array.from({ length: 4 }, (_, i) => ({ json_path: `m${i}`, aggregations: ['avg', 'min', 'max'], percentiles: [50, 90, 99] }));
const OVER_LIMIT = JSON.stringify({ project_id: P, ...WINDOW, granularity: 300, metrics });
const WITHIN_LIMIT = JSON.stringify({ project_id: P, ...WINDOW, granularity: 3600, metrics });

describe.each(testEngines())('request limits on $name', (baseEngine) => {
  const engine = outageEngine(baseEngine);
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  // On PGlite the outage is final (the database is closed for good): this test goes last.
  it('refuses a stats answer over the value limit without querying: the same 400 with the database gone', async () => {
    const refused = await srv.post('/feedback/stats', OVER_LIMIT);
    expect(refused.status).toBe(400);
    expect((refused.body as { reason: string }).reason).toContain(`at most ${MAX_STATS_CELLS.toLocaleString('en-US')}`);
    expect((await srv.post('/feedback/stats', WITHIN_LIMIT)).status).toBe(200);

    await engine.takeDown();
    try {
      expect(await srv.post('/feedback/stats', OVER_LIMIT)).toMatchObject({ status: 400, body: refused.body });
      // The database really is gone: a request within the limit needs it.
      expect((await srv.post('/feedback/stats', WITHIN_LIMIT)).status).toBe(503);
    } finally {
      await engine.bringBack?.();
    }
  }, 30_000);
});

describe('the aggregate statement', () => {
  it('asks for at most one row past the row limit', () => {
    const q = toAggregateQuery({
      projectId: P, afterMs: 0, beforeMs: 1000, timeBucketSeconds: null, feedbackTypes: [], feedbackTypePrefixes: [], tags: [],
      ratingMin: null, ratingMax: null, monitorIds: [], scorerIds: [], spanAgentNames: [], spanTypes: [], groupBy: ['scorer_id'],
    });
    for (const plan of ['one-pass', 'three-pass'] as const) {
      const { sql, params } = buildAggregateSql(q, plan);
      const limit = /LIMIT \$(\d+)::int\s*$/.exec(sql);
      expect(limit, sql.slice(-200)).not.toBeNull();
      expect(params[Number(limit?.[1]) - 1]).toBe(MAX_AGGREGATE_ROWS + 1);
    }
  });
});
