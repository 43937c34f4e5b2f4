import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertCleanStrings, assertMaxDepth, hasUnstorableText, jsonDepth, utf8ByteLength } from './strings.js';

function errorOf(fn: () => void): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { a: v } : [v];
  return v;
}

describe('hasUnstorableText', () => {
  it('finds NUL and unpaired surrogates, accepts proper pairs', () => {
    expect(hasUnstorableText('a\u0000b')).toBe(true);
    expect(hasUnstorableText('a\uD83D')).toBe(true);
    expect(hasUnstorableText('\uDE00a')).toBe(true);
    expect(hasUnstorableText('\uDE00\uD83D')).toBe(true); // reversed pair
    expect(hasUnstorableText('ok \u{1F600} \uFFFD \u0001')).toBe(false);
  });
});

describe('assertCleanStrings', () => {
  it('accepts clean JSON of any shape', () => {
    expect(() => assertCleanStrings({ a: ['x', { 'k\u{1F44D}': 'y' }], n: 1, b: null })).not.toThrow();
  });

  it('names the path of a bad string value (400)', () => {
    const err = errorOf(() => assertCleanStrings({ payload: { items: ['ok', 'bad\u0000'] } }));
    expect(err.status).toBe(400);
    expect(err.message).toBe(
      'Invalid text at payload.items[1]: strings must not contain NUL (U+0000) or unpaired surrogates.',
    );
  });

  it('checks object keys and escapes them in the message', () => {
    const err = errorOf(() => assertCleanStrings({ note: 'x', 'k\uD800': 1 }, ['payload']));
    expect(err.message).toBe(
      'Invalid object key at payload["k\\ud800"]: strings must not contain NUL (U+0000) or unpaired surrogates.',
    );
  });

  it('checks a bare string against the given loc, or the body', () => {
    expect(errorOf(() => assertCleanStrings('\u0000', ['project_id'])).message).toMatch(/^Invalid text at project_id:/);
    expect(errorOf(() => assertCleanStrings('\u0000')).message).toMatch(/^Invalid text at the request body:/);
  });

  it('walks very deep values without overflowing the stack', () => {
    expect(() => assertCleanStrings(nested(200_000))).not.toThrow();
  });
});

describe('jsonDepth', () => {
  it('counts container levels', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth([1, 2])).toBe(1);
    expect(jsonDepth({ a: [1, { b: {} }], c: 2 })).toBe(4);
    expect(jsonDepth(nested(100_000))).toBe(100_000);
  });
});

describe('assertMaxDepth', () => {
  it('accepts exactly the maximum and refuses one more (400)', () => {
    expect(() => assertMaxDepth(nested(64), 64)).not.toThrow();
    const err = errorOf(() => assertMaxDepth(nested(65), 64));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^JSON nested too deeply at .*: at most 64 levels of objects and arrays are allowed\.$/);
  });

  it('names where the limit was crossed', () => {
    const err = errorOf(() => assertMaxDepth({ payload: { a: [[1]] } }, 3));
    expect(err.message).toBe('JSON nested too deeply at payload.a[0]: at most 3 levels of objects and arrays are allowed.');
  });

  it('refuses huge depth clearly instead of crashing', () => {
    expect(() => assertMaxDepth(nested(500_000), 64)).toThrow(ApiError);
  });
});

describe('utf8ByteLength', () => {
  it('agrees with TextEncoder, lone surrogates included', () => {
    for (const s of ['', 'abc', '\u00e9', '\u20ac', '\u{1F44D}', 'a\uD800b', '\uDC00', '\uD800', 'x\u{10FFFF}\u07FF\u0800']) {
      expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
