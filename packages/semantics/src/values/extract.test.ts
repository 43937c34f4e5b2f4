import { describe, expect, it } from 'vitest';
import { extractMetricValue, extractPath } from './extract.js';

describe('extractPath', () => {
  const payload = { output: { score: 0.7, 'a b': { c: 'x' }, list: [10, 20] }, n: null };

  it('follows object keys', () => {
    expect(extractPath(payload, ['output', 'score'])).toBe(0.7);
    expect(extractPath(payload, ['output', 'a b', 'c'])).toBe('x');
    expect(extractPath(payload, ['output'])).toBe(payload.output);
  });

  it('gives undefined for a missing key or a step through a scalar/null', () => {
    expect(extractPath(payload, ['missing'])).toBeUndefined();
    expect(extractPath(payload, ['output', 'score', 'deeper'])).toBeUndefined();
    expect(extractPath(payload, ['n', 'x'])).toBeUndefined();
  });

  it('returns a present null as null (absent is decided by extractMetricValue)', () => {
    expect(extractPath(payload, ['n'])).toBeNull();
  });

  it('never indexes arrays, even with numeric segments', () => {
    expect(extractPath(payload, ['output', 'list', '0'])).toBeUndefined();
    expect(extractPath(payload, ['output', 'list', 'length'])).toBeUndefined();
  });

  it('reads own keys only, not inherited ones', () => {
    expect(extractPath({}, ['toString'])).toBeUndefined();
    expect(extractPath({ a: {} }, ['a', 'constructor'])).toBeUndefined();
    expect(extractPath(JSON.parse('{"__proto__": {"x": 1}}'), ['__proto__', 'x'])).toBe(1);
  });
});

describe('extractMetricValue', () => {
  it('numeric takes only JSON numbers', () => {
    expect(extractMetricValue('numeric', 0.7)).toBe(0.7);
    expect(extractMetricValue('numeric', '0.7')).toBeUndefined();
    expect(extractMetricValue('numeric', true)).toBeUndefined();
    expect(extractMetricValue('numeric', null)).toBeUndefined();
    expect(Object.is(extractMetricValue('numeric', -0), 0)).toBe(true);
  });

  it('boolean takes only true/false', () => {
    expect(extractMetricValue('boolean', true)).toBe(true);
    expect(extractMetricValue('boolean', false)).toBe(false);
    expect(extractMetricValue('boolean', 1)).toBeUndefined();
    expect(extractMetricValue('boolean', 'true')).toBeUndefined();
  });

  it('categorical takes strings as-is and other scalars as their JSON text', () => {
    expect(extractMetricValue('categorical', 'good')).toBe('good');
    expect(extractMetricValue('categorical', '')).toBe('');
    expect(extractMetricValue('categorical', 3)).toBe('3');
    expect(extractMetricValue('categorical', 1e21)).toBe('1000000000000000000000');
    expect(extractMetricValue('categorical', false)).toBe('false');
  });

  it('treats null, objects, arrays and missing values as absent for every type', () => {
    for (const t of ['numeric', 'boolean', 'categorical'] as const) {
      for (const v of [null, undefined, {}, [], [1], { a: 1 }]) {
        expect(extractMetricValue(t, v)).toBeUndefined();
      }
    }
  });
});
