import { describe, expect, it } from 'vitest';
import type { FeedbackStatsReq } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { checkStatsRequest } from './check-request.js';

const NOW = Date.UTC(2024, 0, 2, 12);
const base: FeedbackStatsReq = { project_id: 'acme/bot', start: '2024-01-01T00:00:00Z' };

function errorOf(body: FeedbackStatsReq): ApiError {
  try {
    checkStatsRequest(body, NOW);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('checkStatsRequest', () => {
  it('resolves the defaults: end now, UTC, auto granularity, no metrics, no filters', () => {
    const checked = checkStatsRequest(base, NOW);
    expect(checked.projectId).toBe('acme/bot');
    expect(checked.window).toMatchObject({ startMs: Date.UTC(2024, 0, 1), endMs: NOW, granularity: 21_600, timeZone: 'UTC' });
    expect(checked.grid).toHaveLength(6);
    expect(checked.grid[0]?.timestamp).toBe('2024-01-01T00:00:00Z');
    expect(checked.metrics).toEqual([]);
    expect(checked.feedbackType).toBeNull();
    expect(checked.triggerRef).toBeNull();
  });

  it('resolves the zone, the metrics and the filters once', () => {
    const checked = checkStatsRequest(
      {
        ...base,
        end: '2024-01-04T00:00:00Z',
        timezone: 'America/New_York',
        granularity: 86_400,
        feedback_type: 'wandb.runnable.judge',
        trigger_ref: 'weave:///acme/bot/object/monitor:*',
        metrics: [{ json_path: 'output.score', aggregations: ['avg'], percentiles: [90] }],
      },
      NOW,
    );
    expect(checked.window.timeZone).toBe('America/New_York');
    expect(checked.grid.map((s) => s.timestamp)).toEqual(['2023-12-31T00:00:00-05:00', '2024-01-01T00:00:00-05:00', '2024-01-02T00:00:00-05:00', '2024-01-03T00:00:00-05:00']);
    expect(checked.metrics.map((m) => m.slug)).toEqual(['output_score']);
    expect(checked.feedbackType).toBe('wandb.runnable.judge');
    expect(checked.triggerRef).toEqual({ value: 'weave:///acme/bot/object/monitor', prefix: true });
  });

  it('empty filter strings are no filter', () => {
    const checked = checkStatsRequest({ ...base, feedback_type: '', trigger_ref: '' }, NOW);
    expect(checked.feedbackType).toBeNull();
    expect(checked.triggerRef).toBeNull();
  });

  it('checks in order: unstorable text (400) before the window (422), the window before the metrics', () => {
    expect(errorOf({ ...base, start: 'nope', feedback_type: 'a\u0000b' }).status).toBe(400);
    expect(errorOf({ ...base, start: 'nope', metrics: [{ json_path: '' }] }).status).toBe(422);
    expect(errorOf({ ...base, metrics: [{ json_path: 'x', value_type: 'categorical', aggregations: ['sum'] }] }).status).toBe(400);
  });

  it('refuses an answer over the cell limit before any row is read', () => {
    // 720 hourly buckets × (40 metrics × 10 outputs + timestamp + count) is over 200,000 cells.
    const metrics: FeedbackStatsReq['metrics'] = Array.from({ length: 40 }, (_, i) => ({
      json_path: `m${i}`,
      aggregations: ['sum', 'avg', 'min', 'max', 'count'],
      percentiles: [1, 2, 3, 4, 5],
    }));
    const err = errorOf({ ...base, end: '2024-01-31T00:00:00Z', granularity: 3600, metrics });
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/at most 200,000/);
  });
});
