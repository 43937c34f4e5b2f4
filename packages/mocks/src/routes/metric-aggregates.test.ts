import { describe, expect, it } from 'vitest';
import { resolveMetrics } from '@feedback/semantics';
import type { FeedbackMetricSpec } from '@feedback/api-types';
import { metricOutputs } from './metric-aggregates.js';

const metric = (spec: FeedbackMetricSpec) => {
  const [m] = resolveMetrics([spec]);
  if (m === undefined) throw new Error('no metric');
  return m;
};

describe('metricOutputs', () => {
  it('numeric: sum/avg/min/max/count then percentiles', () => {
    const m = metric({ json_path: 'x', aggregations: ['sum', 'avg', 'min', 'max', 'count'], percentiles: [50, 90] });
    expect(metricOutputs(m, [4, -1, 2, 10])).toEqual([15, 3.75, -1, 10, 4, 3, 4 + (0.9 * 3 - 2) * 6]);
    expect(metricOutputs(m, [])).toEqual([0, null, null, null, 0, null, null]);
  });

  it('boolean: counts, and 0/1 for sum/avg/min/max/percentiles', () => {
    const m = metric({ json_path: 'x', value_type: 'boolean', aggregations: ['count_true', 'count_false', 'sum', 'avg', 'min', 'max', 'count'], percentiles: [50] });
    expect(metricOutputs(m, [true, false, true])).toEqual([2, 1, 2, 2 / 3, 0, 1, 3, 1]);
    expect(metricOutputs(m, [])).toEqual([0, 0, 0, null, null, null, 0, null]);
  });

  it('categorical: min/max by code point, count', () => {
    const m = metric({ json_path: 'x', value_type: 'categorical', aggregations: ['min', 'max', 'count'] });
    // UTF-16 order would put '😀' (a surrogate pair) before '\uffff'; code point order puts it after.
    expect(metricOutputs(m, ['b', '\uffff', '😀', 'B'])).toEqual(['B', '😀', 4]);
    expect(metricOutputs(m, [])).toEqual([null, null, 0]);
  });
  it('numeric: sum/avg refuse only a running sum beyond the float range; avg uses no squares', () => {
    const m = metric({ json_path: 'x', aggregations: ['sum', 'avg'] });
    expect(metricOutputs(m, [2e155, 0])).toEqual([2e155, 1e155]);
    expect(metricOutputs(m, [1e308, -1e308, 1e308])).toEqual([1e308, 1e308 / 3]);
    expect(() => metricOutputs(m, [1e308, 1e308])).toThrow(/64-bit float/);
  });

  it('numeric: percentiles stay finite between the ends of the float range', () => {
    const m = metric({ json_path: 'x', aggregations: ['min', 'max'], percentiles: [0, 50, 100] });
    const max = Number.MAX_VALUE;
    expect(metricOutputs(m, [max, -max])).toEqual([-max, max, -max, 0, max]);
  });
});
