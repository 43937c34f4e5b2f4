import { describe, expect, it } from 'vitest';
import type { FeedbackMetricSpec } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { resolveMetrics } from '../rules/metrics.js';
import {
  MAX_AGGREGATE_ROWS,
  MAX_STATS_CELLS,
  assertAggregateAnswerRows,
  assertStatsAnswerSize,
  statsAnswerCells,
} from './answer-size.js';

/** `n` numeric metrics, each with avg/min/max and three percentiles (6 outputs). */
function dashboardMetrics(n: number): FeedbackMetricSpec[] {
  return Array.from({ length: n }, (_, i) => ({ json_path: `m${i}`, aggregations: ['avg', 'min', 'max'], percentiles: [50, 90, 99] }));
}

function refusal(run: () => void): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('statsAnswerCells', () => {
  it('counts timestamp, count and every output per bucket, and the outputs once more for window_stats', () => {
    expect(statsAnswerCells(10, [])).toBe(20);
    // default numeric outputs: avg, min, max; plus two percentiles = 5 outputs
    expect(statsAnswerCells(10, resolveMetrics([{ json_path: 'a', percentiles: [5, 95] }]))).toBe(10 * 7 + 5);
    expect(statsAnswerCells(0, resolveMetrics([{ json_path: 'a', value_type: 'boolean' }]))).toBe(2);
  });

  it('counts a top_values metric as its N values, and N counts plus other per bucket and for the window', () => {
    // categorical default output: count (1); top 5: 5 values + (10 buckets + window) × 6 counts
    expect(statsAnswerCells(10, resolveMetrics([{ json_path: 'c', value_type: 'categorical', top_values: 5 }]))).toBe(10 * 3 + 1 + 5 + 11 * 6);
  });

  it('refuses 10,000 buckets of a top-50 metric, which the same metric without top_values fits in', () => {
    const metric: FeedbackMetricSpec = { json_path: 'c', value_type: 'categorical' };
    expect(() => assertStatsAnswerSize(10_000, resolveMetrics([metric]))).not.toThrow();
    expect(refusal(() => assertStatsAnswerSize(10_000, resolveMetrics([{ ...metric, top_values: 50 }]))).message).toMatch(/top_values/);
  });
});

describe('assertStatsAnswerSize', () => {
  it('lets a 31-day hourly dashboard of 40 metrics (6 outputs each) through', () => {
    expect(() => assertStatsAnswerSize(745, resolveMetrics(dashboardMetrics(40)))).not.toThrow();
  });

  it('lets the finest grid without metrics through', () => {
    expect(() => assertStatsAnswerSize(10_100, [])).not.toThrow();
  });

  it('is exact at the limit', () => {
    // 10,000 buckets × (2 + 17) + 17 = 190,017 ≤ 200,000; with 18 outputs it is 200,018.
    const outputs = (n: number) => resolveMetrics([{ json_path: 'a', aggregations: ['count'], percentiles: Array.from({ length: n - 1 }, (_, i) => i) }]);
    expect(statsAnswerCells(10_000, outputs(17))).toBeLessThanOrEqual(MAX_STATS_CELLS);
    expect(() => assertStatsAnswerSize(10_000, outputs(17))).not.toThrow();
    expect(statsAnswerCells(10_000, outputs(18))).toBe(200_018);
    expect(refusal(() => assertStatsAnswerSize(10_000, outputs(18))).status).toBe(400);
  });

  it('refuses 10,000 buckets of a hundred outputs with a reason that names the limit and how to narrow', () => {
    const err = refusal(() => assertStatsAnswerSize(10_000, resolveMetrics(dashboardMetrics(20))));
    expect(err.status).toBe(400);
    expect(err.message).toContain('1,220,120 values');
    expect(err.message).toContain('at most 200,000');
    expect(err.message).toMatch(/fewer metrics.*coarser granularity.*shorter window/);
  });
});

describe('assertAggregateAnswerRows', () => {
  it('allows up to the limit and refuses one row more, saying how to narrow', () => {
    expect(() => assertAggregateAnswerRows(MAX_AGGREGATE_ROWS)).not.toThrow();
    const err = refusal(() => assertAggregateAnswerRows(MAX_AGGREGATE_ROWS + 1));
    expect(err.status).toBe(400);
    expect(err.message).toContain('more than 10,000 rows');
    expect(err.message).toMatch(/fewer group_by.*larger time_bucket_seconds.*shorter window/);
  });
});
