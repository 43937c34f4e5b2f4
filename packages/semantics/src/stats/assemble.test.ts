import { describe, expect, it } from 'vitest';
import { resolveMetrics } from '../rules/index.js';
import { bucketGrid, resolveStatsWindow } from '../time/index.js';
import { assembleStatsResponse } from './assemble.js';

const window = resolveStatsWindow({ start: '2024-01-01T00:00:00Z', end: '2024-01-01T02:00:00Z', granularity: 3600 }, 0);
const grid = bucketGrid(window);

describe('assembleStatsResponse', () => {
  it('orders keys: timestamp, each metric (aggregations, then percentiles), count last', () => {
    const metrics = resolveMetrics([{ json_path: 'a.b', aggregations: ['max', 'avg'], percentiles: [50] }]);
    const key = grid[0]!.key;
    const res = assembleStatsResponse({ window, metrics, grid }, { byBucketKey: new Map([[key, { count: 3, metrics: [[9, 5, 4]] }]]), total: { count: 3, metrics: [[9, 5, 4]] } });
    expect(Object.keys(res.buckets![0]!)).toEqual(['timestamp', 'max_a_b', 'avg_a_b', 'p50_a_b', 'count']);
    expect(res.window_stats).toEqual({ a_b: { max: 9, avg: 5, p50: 4 } });
  });

  it('fills empty buckets: counts and sums 0, the rest null', () => {
    const metrics = resolveMetrics([{ json_path: 'x', aggregations: ['sum', 'count', 'avg', 'min'], percentiles: [90] }]);
    const res = assembleStatsResponse({ window, metrics, grid }, { byBucketKey: new Map(), total: undefined });
    expect(res.buckets![1]).toEqual({ timestamp: '2024-01-01T01:00:00Z', sum_x: 0, count_x: 0, avg_x: null, min_x: null, p90_x: null, count: 0 });
    expect(res.window_stats).toEqual({ x: { sum: 0, count: 0, avg: null, min: null, p90: null } });
  });

  it('keeps a metric whose slug is __proto__ as a key', () => {
    const metrics = resolveMetrics([{ json_path: '__proto__', aggregations: ['max'] }]);
    const res = assembleStatsResponse({ window, metrics, grid }, { byBucketKey: new Map(), total: { count: 1, metrics: [[1]] } });
    expect(Object.keys(res.window_stats!)).toEqual(['__proto__']);
  });

  it('window_stats is null without metrics, and buckets still come', () => {
    const res = assembleStatsResponse({ window, metrics: [], grid }, { byBucketKey: new Map(), total: undefined });
    expect(res.window_stats).toBeNull();
    expect(res.buckets).toEqual([{ timestamp: '2024-01-01T00:00:00Z', count: 0 }, { timestamp: '2024-01-01T01:00:00Z', count: 0 }]);
  });
});
