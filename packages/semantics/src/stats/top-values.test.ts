import { describe, expect, it } from 'vitest';
import { resolveMetrics } from '../rules/index.js';
import { bucketGrid, resolveStatsWindow } from '../time/index.js';
import { assembleStatsResponse } from './assemble.js';
import { countTopValues, rankTopValues, withTopValues } from './top-values.js';

const window = resolveStatsWindow({ start: '2024-01-01T00:00:00Z', end: '2024-01-01T03:00:00Z', granularity: 3600 }, 0);
const grid = bucketGrid(window);
const [k0, k1, k2] = grid.map((s) => s.key) as [number, number, number];

describe('rankTopValues', () => {
  it('orders by count descending, then by value in code point order', () => {
    const totals = new Map([['b', 2], ['a', 2], ['c', 5], ['d', 1]]);
    expect(rankTopValues(totals, 3)).toEqual(['c', 'a', 'b']);
    expect(rankTopValues(totals, 10)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('breaks ties by code point, not by UTF-16 unit (an astral character sorts after U+FFFD)', () => {
    expect(rankTopValues(new Map([['😀', 1], ['\uFFFD', 1], ['Z', 1]]), 3)).toEqual(['Z', '\uFFFD', '😀']);
  });
});

describe('countTopValues', () => {
  it('picks the top values over the window and counts the same ones in every bucket', () => {
    const tallies = new Map([
      [k0, new Map([['pass', 3], ['fail', 1]])],
      [k1, new Map([['fail', 2], ['skip', 1], ['error', 1]])],
    ]);
    const top = countTopValues(tallies, 2);
    expect(top.values).toEqual(['fail', 'pass']);
    expect(top.window).toEqual({ counts: [3, 3], other: 2 });
    expect(top.byBucketKey.get(k0)).toEqual({ counts: [1, 3], other: 0 });
    expect(top.byBucketKey.get(k1)).toEqual({ counts: [2, 0], other: 2 });
  });
});

describe('withTopValues', () => {
  const metrics = resolveMetrics([
    { json_path: 'score' },
    { json_path: 'verdict', value_type: 'categorical', top_values: 2 },
    { json_path: '__proto__', value_type: 'categorical', top_values: 1 },
  ]);
  const answer = assembleStatsResponse({ window, metrics, grid }, { byBucketKey: new Map(), total: undefined });

  it('lays the counts out on the grid, zeros for empty buckets, keyed by slug in request order', () => {
    const top = countTopValues(new Map([[k2, new Map([['x', 2], ['y', 1], ['z', 1]])]]), 2);
    const res = withTopValues(answer, { metrics, grid }, [undefined, top, undefined]);
    expect(Object.keys(res)).toEqual(['start', 'end', 'granularity', 'timezone', 'buckets', 'window_stats', 'top_values']);
    expect(Object.keys(res.top_values ?? {})).toEqual(['verdict', '__proto__']);
    expect(res.top_values?.['verdict']).toEqual({
      values: ['x', 'y'],
      window: { counts: [2, 1], other: 1 },
      buckets: [{ counts: [0, 0], other: 0 }, { counts: [0, 0], other: 0 }, { counts: [2, 1], other: 1 }],
    });
    expect(Object.getOwnPropertyDescriptor(res.top_values, '__proto__')?.value).toEqual({
      values: [],
      window: { counts: [], other: 0 },
      buckets: [{ counts: [], other: 0 }, { counts: [], other: 0 }, { counts: [], other: 0 }],
    });
  });

  it('leaves an answer without top_values metrics exactly as it was', () => {
    const plain = resolveMetrics([{ json_path: 'verdict', value_type: 'categorical' }]);
    const base = assembleStatsResponse({ window, metrics: plain, grid }, { byBucketKey: new Map(), total: undefined });
    expect(withTopValues(base, { metrics: plain, grid }, [])).toBe(base);
  });
});
