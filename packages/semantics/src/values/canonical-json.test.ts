import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, nested too', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 1, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":1,"q":2}]},"b":1}');
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('sorts keys by code point, not UTF-16 unit', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFD': 2, B: 3, a: 4 })).toBe('{"B":3,"a":4,"\uFFFD":2,"\u{1F600}":1}');
  });

  it('distinguishes different values and types', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson('s"q')).toBe('"s\\"q"');
  });

  it('follows JSON.stringify for undefined and -0', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(-0)).toBe('0');
  });
});
