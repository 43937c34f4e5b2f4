import { describe, expect, it } from 'vitest';
import { bar, fit, sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('scales between the smallest and largest value, and leaves a gap for a missing one', () => {
    expect(sparkline([0, 2, null, 14])).toBe('▁▂ █');
  });
  it('draws a flat series at full height and an empty one as blanks', () => {
    expect(sparkline([3, 3])).toBe('██');
    expect(sparkline([null, null])).toBe('  ');
  });
});

describe('bar', () => {
  it('measures in eighths of a cell, at least one eighth for any positive value', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 3)).toBe('█▌');
    expect(bar(0.001, 10, 4)).toBe('▏');
    expect(bar(0, 10, 4)).toBe('');
    expect(bar(null, 10, 4)).toBe('');
  });
});

describe('fit', () => {
  it('averages runs of values into the width, keeping a run with no values a gap', () => {
    expect(fit([1, 3, null, null, 5, 7], 3)).toEqual([2, null, 6]);
    expect(fit([1, 2], 5)).toEqual([1, 2]);
  });
});
