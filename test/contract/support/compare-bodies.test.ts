import { describe, expect, it } from 'vitest';
import { apiKeyOrder } from './api-key-order.js';
import { bodyDifferences } from './compare-bodies.js';

describe('bodyDifferences', () => {
  it('treats timestamps as instants', () => {
    expect(bodyDifferences({ t: '2024-03-10T05:00:00Z' }, { t: '2024-03-10T00:00:00-05:00' })).toEqual([]);
    expect(bodyDifferences({ t: '2024-03-10T05:00:00.000Z' }, { t: '2024-03-10T00:00:00-04:00' })).toHaveLength(1);
  });

  it('compares floats to a relative tolerance, and nothing looser', () => {
    expect(bodyDifferences(0.1 + 0.2, 0.3)).toEqual([]);
    expect(bodyDifferences(1e12 + 100, 1e12)).toEqual([]);
    expect(bodyDifferences(1e12 + 2000, 1e12)).toHaveLength(1);
    expect(bodyDifferences(1.000001, 1)).toHaveLength(1);
    expect(bodyDifferences(0, 1e-300)).toHaveLength(1);
    expect(bodyDifferences(0, 2e-17, { absoluteTolerance: 1e-12 })).toEqual([]);
    expect(bodyDifferences(0, 2e-11, { absoluteTolerance: 1e-12 })).toHaveLength(1);
  });

  it('finds missing, extra and reordered keys', () => {
    expect(bodyDifferences({ a: 1 }, { a: 1, b: 2 })).toEqual(['$: missing keys b']);
    expect(bodyDifferences({ a: 1, c: 3 }, { a: 1 })).toEqual(['$: unexpected keys c']);
    expect(bodyDifferences({ b: 1, a: 1 }, { a: 1, b: 1 })).toEqual(['$: key order b,a ≠ a,b']);
    expect(bodyDifferences({ b: 1, a: 1 }, { a: 1, b: 1 }, { keyOrder: false })).toEqual([]);
  });

  it('names the path of a difference and tells types apart', () => {
    expect(bodyDifferences({ x: [1, { y: null }] }, { x: [1, { y: 0 }] })).toEqual(['$.x[1].y: null (null) ≠ 0 (number)']);
    expect(bodyDifferences(['a'], ['a', 'b'])).toEqual(['$: 1 items ≠ 2 items']);
    expect(bodyDifferences('1', 1)).toHaveLength(1);
  });
});

describe('bodyDifferences with apiKeyOrder', () => {
  it('checks key order only where the API fixes it', () => {
    const opts = { keyOrder: apiKeyOrder };
    expect(bodyDifferences({ end: 'x', start: 'y' }, { start: 'y', end: 'x' }, opts)).toEqual([]);
    expect(bodyDifferences({ buckets: [{ count: 1, timestamp: 't' }] }, { buckets: [{ timestamp: 't', count: 1 }] }, opts)).toHaveLength(1);
    expect(bodyDifferences({ buckets: [{ tag_counts: { b: 1, a: 1 } }] }, { buckets: [{ tag_counts: { a: 1, b: 1 } }] }, opts)).toHaveLength(1);
    expect(bodyDifferences({ window_stats: { s: { max: 1, avg: 1 } } }, { window_stats: { s: { avg: 1, max: 1 } } }, opts)).toHaveLength(1);
  });
});
