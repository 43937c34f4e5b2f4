import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe.each(testEngines())('smoke on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  it('creates, then reads back stats and aggregates', async () => {
    const c = srv.client();
    const created = await c.create({
      project_id: 'acme/bot',
      weave_ref: 'weave:///acme/bot/call/abc',
      feedback_type: 'wandb.runnable.helpfulness',
      runnable_ref: 'weave:///acme/bot/object/helpfulness:v1',
      payload: { output: { score: 0.5, passed: true, label: 'ok' } },
      scorer_tags: ['helpful'],
      scorer_ratings: { _rating_: 0.5 },
    });
    expect(created.wb_user_id).toBe('alice');
    const stats = await c.stats({
      project_id: 'acme/bot',
      start: '2024-06-01T00:00:00Z',
      end: '2024-06-02T00:00:00Z',
      timezone: 'America/New_York',
      metrics: [
        { json_path: 'output.score', value_type: 'numeric', aggregations: ['avg', 'sum'], percentiles: [50, 95] },
        { json_path: 'output.passed', value_type: 'boolean' },
        { json_path: 'output.label', value_type: 'categorical', aggregations: ['count', 'min'] },
      ],
    });
    expect(stats.window_stats).toEqual({
      output_score: { avg: 0.5, sum: 0.5, p50: 0.5, p95: 0.5 },
      output_passed: { count_true: 1, count_false: 0 },
      output_label: { count: 1, min: 'ok' },
    });
    const agg = await c.aggregate({ project_id: 'acme/bot', after_ms: Date.parse('2024-06-01T00:00:00Z'), before_ms: Date.parse('2024-06-02T00:00:00Z'), group_by: ['scorer_id'] });
    expect(agg.buckets).toEqual([
      { time_bucket_start_ms: null, group: { scorer_id: 'helpfulness' }, total_count: 1, scored_count: 1, tag_counts: { helpful: 1 }, rating_counts: { _rating_: 1 }, rating_sums: { _rating_: 0.5 } },
    ]);
  });
});
