import { describe, expect, it } from 'vitest';
import { triggerRefFilter, triggerRefMatches } from './trigger-ref.js';

describe('trigger_ref filter', () => {
  it('is exact without :*', () => {
    const f = triggerRefFilter('weave:///e/p/object/mon:abc');
    expect(f).toEqual({ value: 'weave:///e/p/object/mon:abc', prefix: false });
    expect(triggerRefMatches(f, 'weave:///e/p/object/mon:abc')).toBe(true);
    expect(triggerRefMatches(f, 'weave:///e/p/object/mon:abd')).toBe(false);
  });
  it('matches every version, and longer names, with :*', () => {
    const f = triggerRefFilter('weave:///e/p/object/mon:*');
    expect(triggerRefMatches(f, 'weave:///e/p/object/mon:abc')).toBe(true);
    expect(triggerRefMatches(f, 'weave:///e/p/object/monday:abc')).toBe(true);
    expect(triggerRefMatches(f, 'weave:///e/p/object/other:abc')).toBe(false);
  });
  it('never matches a row without trigger_ref', () => {
    expect(triggerRefMatches(triggerRefFilter('x:*'), null)).toBe(false);
    expect(triggerRefMatches(triggerRefFilter('x'), null)).toBe(false);
  });
  it('absent filter matches all', () => {
    expect(triggerRefMatches(triggerRefFilter(undefined), null)).toBe(true);
  });
  it('an empty string is no filter, rows without trigger_ref included', () => {
    expect(triggerRefFilter('')).toBeNull();
    expect(triggerRefFilter(null)).toBeNull();
    expect(triggerRefMatches(triggerRefFilter(''), null)).toBe(true);
  });
});
