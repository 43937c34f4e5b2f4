// The whole path a user takes: the SDK writes through the fake, then reads the rows back as
// stats and aggregates.
import { describe, expect, it } from 'vitest';
import { BASE_URL, client, useFake } from './fake-server.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = Date.parse('2024-06-01T12:34:56.789Z');
const fake = useFake({ now: NOW });

const helpfulness = (score: number, passed: boolean, label: string) => ({
  project_id: 'acme/bot',
  weave_ref: 'weave:///acme/bot/call/abc',
  feedback_type: 'wandb.runnable.helpfulness',
  runnable_ref: 'weave:///acme/bot/object/helpfulness:v1',
  payload: { output: { score, passed, label } },
  scorer_tags: ['helpful'],
  scorer_ratings: { _rating_: score },
});

describe('create → stats → aggregate through the SDK', () => {
  it('stores rows and reads them back', async () => {
    const c = client();
    // Through `raw`, which sends the body as given: the fake makes the id.
    const { data: first } = await c.raw.POST('/feedback/create', { body: helpfulness(0.5, true, 'ok') });
    expect(first).toEqual({
      id: expect.stringMatching(UUID_V7),
      created_at: '2024-06-01T12:34:56.789Z',
      wb_user_id: 'alice',
      payload: { output: { score: 0.5, passed: true, label: 'ok' } },
    });
    // uuidv7 carries the creation time in its first 48 bits.
    expect(parseInt((first?.id ?? '').replace(/-/g, '').slice(0, 12), 16)).toBe(NOW);
    // The SDK's create sends a client id of its own (a UUIDv7 too), which the fake keeps.
    const second = await c.create(helpfulness(1, false, 'great'));
    expect(second.id).toMatch(UUID_V7);
    expect(second.id).not.toBe(first?.id);

    const stats = await c.stats({
      project_id: 'acme/bot',
      start: '2024-06-01T00:00:00Z',
      end: '2024-06-02T00:00:00Z',
      granularity: 43200,
      metrics: [
        { json_path: 'output.score', value_type: 'numeric', aggregations: ['avg', 'sum'], percentiles: [50] },
        { json_path: 'output.passed', value_type: 'boolean' },
        { json_path: 'output.label', value_type: 'categorical', aggregations: ['count', 'min', 'max'] },
      ],
    });
    expect(stats).toEqual({
      start: '2024-06-01T00:00:00.000Z',
      end: '2024-06-02T00:00:00.000Z',
      granularity: 43200,
      timezone: 'UTC',
      buckets: [
        {
          timestamp: '2024-06-01T00:00:00Z',
          avg_output_score: null, sum_output_score: 0, p50_output_score: null,
          count_true_output_passed: 0, count_false_output_passed: 0,
          count_output_label: 0, min_output_label: null, max_output_label: null,
          count: 0,
        },
        {
          timestamp: '2024-06-01T12:00:00Z',
          avg_output_score: 0.75, sum_output_score: 1.5, p50_output_score: 0.75,
          count_true_output_passed: 1, count_false_output_passed: 1,
          count_output_label: 2, min_output_label: 'great', max_output_label: 'ok',
          count: 2,
        },
      ],
      window_stats: {
        output_score: { avg: 0.75, sum: 1.5, p50: 0.75 },
        output_passed: { count_true: 1, count_false: 1 },
        output_label: { count: 2, min: 'great', max: 'ok' },
      },
    });

    const agg = await c.aggregate({
      project_id: 'acme/bot',
      after_ms: Date.parse('2024-06-01T00:00:00Z'),
      before_ms: Date.parse('2024-06-02T00:00:00Z'),
      group_by: ['scorer_id'],
    });
    expect(agg).toEqual({
      after_ms: Date.parse('2024-06-01T00:00:00Z'),
      before_ms: Date.parse('2024-06-02T00:00:00Z'),
      time_bucket_seconds: null,
      buckets: [
        {
          time_bucket_start_ms: null,
          group: { scorer_id: 'helpfulness' },
          total_count: 2,
          scored_count: 2,
          tag_counts: { helpful: 2 },
          rating_counts: { _rating_: 2 },
          rating_sums: { _rating_: 1.5 },
        },
      ],
    });
  });

  it('answers a reaction with the aliases it stores, and keeps every column in rows()', async () => {
    const created = await client().create({
      project_id: 'acme/bot',
      weave_ref: 'weave:///acme/bot/agent_turn/t1',
      feedback_type: 'wandb.reaction.1',
      payload: { emoji: '👍🏽' },
    });
    expect(created.payload).toEqual({ emoji: '👍🏽', alias: ':thumbs_up_medium_skin_tone:', detoned: '👍', detoned_alias: ':thumbs_up:' });
    expect(fake.rows()).toEqual([
      expect.objectContaining({
        id: created.id,
        created_at: '2024-06-01T12:34:56.789Z',
        wb_user_id: 'alice',
        feedback_type: 'wandb.reaction.1',
        payload: created.payload,
        span_status_code: 'UNSET',
        runnable_ref: null,
      }),
    ]);
  });

  it('serves the health endpoints without credentials', async () => {
    await expect(client('no-such-key').healthz()).resolves.toEqual({ status: 'ok' });
    await expect(client('no-such-key').readyz()).resolves.toEqual({ status: 'ready' });
    const res = await fetch(`${BASE_URL}/healthz`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
