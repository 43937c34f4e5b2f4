import { describe, expect, it } from 'vitest';
import { compareJsonbKeys, jsonbCopy } from './jsonb-copy.js';

describe('jsonbCopy', () => {
  it('orders keys as jsonb does: shorter first, then bytewise, at every depth', () => {
    const copy = jsonbCopy({ output: 1, bb: { zz: 1, y: 2 }, a: [{ é: 1, z: 2 }], B: 0 });
    expect(JSON.stringify(copy)).toBe('{"B":0,"a":[{"z":2,"é":1}],"bb":{"y":2,"zz":1},"output":1}');
  });

  it('writes what JSON.stringify writes: non-finite numbers null, -0 as 0, undefined members gone', () => {
    expect(jsonbCopy({ a: Number.POSITIVE_INFINITY, b: -0, c: undefined })).toEqual({ a: null, b: 0 });
  });

  it('keeps a "__proto__" key as a member and shares nothing with the input', () => {
    const input = JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>;
    const copy = jsonbCopy(input);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['__proto__']).not.toBe(input['__proto__']);
  });

  it('compares keys by UTF-8 length before bytes', () => {
    // 'é' is 2 bytes in UTF-8, so it sorts after every 1-byte key.
    expect(['é', 'z', 'ab'].sort(compareJsonbKeys)).toEqual(['z', 'ab', 'é']);
  });
});
