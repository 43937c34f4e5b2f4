// /feedback/stats metric rules (SEMANTICS §2 "Metrics"): json_path syntax, aggregations that a
// categorical metric refuses, and schema-level mistakes in a metric spec.
import type { FeedbackMetricSpec, FeedbackStatsReq } from '@feedback/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { customFeedback } from './support/query-bodies.js';
import { seedFeedback } from './support/query-seed.js';
import { expect400 } from './support/query-errors.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe.each(testEngines())('stats metric rules on $name', (engine) => {
  let srv: TestServer;
  const P = 'acme/stats-metric-rules';
  const window = { project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
  const stats = (metrics: FeedbackMetricSpec[]) => srv.client().stats({ ...window, metrics });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    await seedFeedback(srv.db, [{ at: '2024-06-01T00:10:00Z', body: customFeedback(P, { a: { b_c: { 'd e': 1.25 } }, A: 2 }) }]);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it('accepts letters, digits, _, spaces and single dots', async () => {
    const res = await stats([
      { json_path: 'a.b_c.d e', aggregations: ['sum'] },
      { json_path: 'A', aggregations: ['sum'] },
      { json_path: 'Z9_ z', aggregations: ['sum'] },
    ]);
    expect(res.window_stats).toEqual({ a_b_c_d_e: { sum: 1.25 }, A: { sum: 2 }, Z9__z: { sum: 0 } });
  });

  it.each(['', '.a', 'a.', 'a..b', '.', 'a[0]', 'a.0]', 'a-b', 'a/b', '$.a', 'a*', 'é'])('refuses json_path %j (400)', async (jsonPath) => {
    await expect400(stats([{ json_path: jsonPath }]));
  });

  it('refuses sum, avg and percentiles on a categorical metric (400)', async () => {
    await expect400(stats([{ json_path: 'A', value_type: 'categorical', aggregations: ['sum'] }]));
    await expect400(stats([{ json_path: 'A', value_type: 'categorical', aggregations: ['count', 'avg'] }]));
    await expect400(stats([{ json_path: 'A', value_type: 'categorical', aggregations: ['min'], percentiles: [50] }]));
  });

  it('refuses a broken metric even when an earlier one is fine (400)', async () => {
    await expect400(stats([{ json_path: 'A' }, { json_path: 'a..b' }]));
  });

  it('refuses unknown keys and enum values in a metric spec (422)', async () => {
    const send = (metric: unknown) => srv.post('/feedback/stats', JSON.stringify({ ...window, metrics: [metric] } satisfies Omit<FeedbackStatsReq, 'metrics'> & { metrics: unknown[] }));
    for (const metric of [
      { json_path: 'A', value_type: 'text' },
      { json_path: 'A', aggregations: ['median'] },
      { json_path: 'A', path: 'A' },
      { value_type: 'numeric' },
    ]) {
      const res = await send(metric);
      expect(res.status, JSON.stringify(metric)).toBe(422);
    }
  });
});
