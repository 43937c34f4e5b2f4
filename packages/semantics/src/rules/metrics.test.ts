import { describe, expect, it } from 'vitest';
import type { FeedbackMetricSpec } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { metricOutputKeys, metricSlug, percentileLabel, resolveMetrics } from './metrics.js';

function reasonOf(metrics: FeedbackMetricSpec[]): string {
  try {
    resolveMetrics(metrics);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('resolveMetrics', () => {
  it('resolves nothing for absent or empty metrics', () => {
    expect(resolveMetrics(undefined)).toEqual([]);
    expect(resolveMetrics([])).toEqual([]);
  });

  it('applies the defaults per value type (numeric by default)', () => {
    const [num, bool, cat] = resolveMetrics([
      { json_path: 'output.score' },
      { json_path: 'ok', value_type: 'boolean', aggregations: [] },
      { json_path: 'label', value_type: 'categorical' },
    ]);
    expect(num).toEqual({
      jsonPath: 'output.score',
      segments: ['output', 'score'],
      slug: 'output_score',
      valueType: 'numeric',
      aggregations: ['avg', 'min', 'max'],
      percentiles: [],
    });
    expect(bool?.aggregations).toEqual(['count_true', 'count_false']);
    expect(cat?.aggregations).toEqual(['count']);
  });

  it('keeps request order of aggregations and percentiles, and gives the output keys in order', () => {
    const [m] = resolveMetrics([{ json_path: 'a b.c', aggregations: ['max', 'sum', 'count'], percentiles: [99.5, 5, 50] }]);
    expect(m?.segments).toEqual(['a b', 'c']);
    expect(m && metricOutputKeys(m)).toEqual([
      'max_a_b_c',
      'sum_a_b_c',
      'count_a_b_c',
      'p99.5_a_b_c',
      'p5_a_b_c',
      'p50_a_b_c',
    ]);
  });

  it('computes percentiles on boolean metrics and min/max on categorical ones', () => {
    const [b, c] = resolveMetrics([
      { json_path: 'ok', value_type: 'boolean', aggregations: ['avg', 'min'], percentiles: [50] },
      { json_path: 'label', value_type: 'categorical', aggregations: ['min', 'max', 'count'] },
    ]);
    expect(b?.percentiles).toEqual([{ p: 50, label: 'p50' }]);
    expect(c?.aggregations).toEqual(['min', 'max', 'count']);
  });

  it.each(['', '.a', 'a.', 'a..b', '.'])('refuses the json_path %j', (path) => {
    expect(reasonOf([{ json_path: path }])).toMatch(/^metrics\[0\]\.json_path /);
  });

  it.each(['a-b', 'a[0]', 'a/b', 'é', 'a\tb'])('refuses the characters of %j', (path) => {
    expect(reasonOf([{ json_path: path }])).toBe(
      `metrics[0].json_path ${JSON.stringify(path)} may contain only letters, digits, '_', '.' and ' '.`,
    );
  });

  it('refuses sum, avg and percentiles on categorical metrics', () => {
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', aggregations: ['sum'] }])).toBe(
      "metrics[0].aggregations: 'sum' does not apply to categorical metrics; this metric is categorical.",
    );
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', aggregations: ['avg'] }])).toMatch(/'avg' does not apply/);
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', percentiles: [50] }])).toBe(
      'metrics[0].percentiles do not apply to categorical metrics.',
    );
  });

  it('takes top_values on categorical metrics only, as an integer from 1 to 50', () => {
    expect(resolveMetrics([{ json_path: 'label', value_type: 'categorical', top_values: 5 }])[0]?.topValues).toBe(5);
    expect(resolveMetrics([{ json_path: 'label', value_type: 'categorical' }])[0]).not.toHaveProperty('topValues');
    expect(reasonOf([{ json_path: 'x', top_values: 5 }])).toBe('metrics[0].top_values applies only to categorical metrics; this metric is numeric.');
    expect(reasonOf([{ json_path: 'x', value_type: 'boolean', top_values: 2 }])).toMatch(/this metric is boolean/);
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', top_values: 51 }])).toBe('metrics[0].top_values must be an integer from 1 to 50, got 51.');
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', top_values: 1.5 }])).toMatch(/integer from 1 to 50/);
  });

  it('refuses count_true/count_false outside boolean metrics', () => {
    expect(reasonOf([{ json_path: 'x', aggregations: ['count_true'] }])).toBe(
      "metrics[0].aggregations: 'count_true' applies only to boolean metrics; this metric is numeric.",
    );
    expect(reasonOf([{ json_path: 'x', value_type: 'categorical', aggregations: ['count_false'] }])).toMatch(
      /'count_false' applies only to boolean metrics/,
    );
  });

  it('refuses percentiles outside [0, 100] and accepts both ends', () => {
    expect(reasonOf([{ json_path: 'x', percentiles: [-0.5] }])).toBe(
      'metrics[0].percentiles: each percentile must be a number from 0 to 100, got -0.5.',
    );
    expect(reasonOf([{ json_path: 'x', percentiles: [100.01] }])).toMatch(/from 0 to 100/);
    expect(resolveMetrics([{ json_path: 'x', percentiles: [0, 100] }])[0]?.percentiles.map((p) => p.label)).toEqual(['p0', 'p100']);
  });

  it('refuses duplicate aggregations and percentiles', () => {
    expect(reasonOf([{ json_path: 'x', aggregations: ['avg', 'avg'] }])).toBe("metrics[0].aggregations lists 'avg' more than once.");
    expect(reasonOf([{ json_path: 'x', percentiles: [50, 50] }])).toBe('metrics[0].percentiles lists 50 more than once.');
  });

  it('refuses two metrics with the same slug', () => {
    expect(reasonOf([{ json_path: 'a.b' }, { json_path: 'a b', value_type: 'categorical' }])).toBe(
      "metrics[1].json_path has the same slug 'a_b' as metrics[0]; each metric needs its own.",
    );
  });

  it('refuses outputs of different metrics that would share a bucket key', () => {
    expect(
      reasonOf([
        { json_path: 'true.x', aggregations: ['count'] },
        { json_path: 'x', value_type: 'boolean', aggregations: ['count_true'] },
      ]),
    ).toBe("metrics[1] and metrics[0] would both write the bucket key 'count_true_x'.");
    expect(
      reasonOf([
        { json_path: 'y', value_type: 'boolean', aggregations: ['count_false'] },
        { json_path: 'false y', value_type: 'categorical', aggregations: ['count'] },
      ]),
    ).toBe("metrics[1] and metrics[0] would both write the bucket key 'count_false_y'.");
    // Percentile labels have no '_', so their keys cannot clash across slugs.
    expect(resolveMetrics([{ json_path: '0.x', percentiles: [5] }, { json_path: 'x', percentiles: [50] }])).toHaveLength(2);
  });
});

describe('percentileLabel', () => {
  it.each([
    [95, 'p95'],
    [99.5, 'p99.5'],
    [0, 'p0'],
    [-0, 'p0'],
    [100, 'p100'],
    [1e-7, 'p0.0000001'],
    [33.333, 'p33.333'],
  ])('labels %s as %s', (p, label) => {
    expect(percentileLabel(p)).toBe(label);
  });
});

describe('metricSlug', () => {
  it('replaces dots and spaces with underscores', () => {
    expect(metricSlug('output.score')).toBe('output_score');
    expect(metricSlug('a b.c d')).toBe('a_b_c_d');
  });
});
