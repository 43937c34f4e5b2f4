import { describe, expect, it } from 'vitest';
import { emptyPayloadPathTally, isNameablePath, MAX_PAYLOAD_PATH_CHARS, pathTypeCounts, payloadValueType, tallyPayloadPaths } from './payload-paths.js';

function tallyOf(...payloads: unknown[]) {
  const tally = emptyPayloadPathTally();
  for (const p of payloads) tallyPayloadPaths(tally, p);
  return { counts: pathTypeCounts(tally).sort((a, b) => (a.path === b.path ? (a.type < b.type ? -1 : 1) : a.path < b.path ? -1 : 1)), skipped: tally.skippedKeys };
}

describe('payloadValueType', () => {
  it('names the six JSON types as jsonb_typeof does', () => {
    expect([1.5, true, 's', { a: 1 }, [1], null].map(payloadValueType)).toEqual(['number', 'boolean', 'string', 'object', 'array', 'null']);
  });
});

describe('tallyPayloadPaths', () => {
  it('counts each path once per payload, per type of its value', () => {
    const { counts, skipped } = tallyOf({ output: { score: 1, ok: true } }, { output: { score: 'x' } }, { output: null });
    expect(counts).toEqual([
      { path: 'output', type: 'null', count: 1 },
      { path: 'output', type: 'object', count: 2 },
      { path: 'output.ok', type: 'boolean', count: 1 },
      { path: 'output.score', type: 'number', count: 1 },
      { path: 'output.score', type: 'string', count: 1 },
    ]);
    expect(skipped).toBe(0);
  });

  it('does not enter arrays: json_path never indexes them', () => {
    expect(tallyOf({ list: [{ a: 1 }] }).counts).toEqual([{ path: 'list', type: 'array', count: 1 }]);
  });

  it('passes over keys json_path cannot name, and does not enter them', () => {
    const { counts, skipped } = tallyOf({ 'a.b': 1, 'x-y': { inner: 1 }, '': 2, 'with space': 3, 'é': 4 });
    expect(counts).toEqual([{ path: 'with space', type: 'number', count: 1 }]);
    expect(skipped).toBe(4);
  });

  it('keeps paths up to 256 characters and passes over longer ones', () => {
    const long = 'k'.repeat(MAX_PAYLOAD_PATH_CHARS - 2);
    const { counts, skipped } = tallyOf({ [long]: { ab: 1, abc: 1 } });
    expect(counts.map((c) => c.path.length)).toEqual([MAX_PAYLOAD_PATH_CHARS - 2]);
    expect(skipped).toBe(2);
    expect(isNameablePath(long, 'a')).toBe(true);
    expect(isNameablePath('k'.repeat(MAX_PAYLOAD_PATH_CHARS - 3), 'ab')).toBe(true);
  });

  it('reports 8 keys deep at most: an object there is a leaf', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } };
    const paths = tallyOf(deep).counts.map((c) => `${c.path}:${c.type}`);
    expect(paths).toHaveLength(8);
    expect(paths.at(-1)).toBe('a.b.c.d.e.f.g.h:object');
  });

  it('sees a "__proto__" key like any other', () => {
    const payload: unknown = JSON.parse('{"__proto__": {"x": 1}}');
    expect(tallyOf(payload).counts).toEqual([
      { path: '__proto__', type: 'object', count: 1 },
      { path: '__proto__.x', type: 'number', count: 1 },
    ]);
  });

  it('adds nothing for a payload that is not an object', () => {
    expect(tallyOf(null, [1], 'x')).toEqual({ counts: [], skipped: 0 });
  });
});
