import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { MAX_QUERY_DEPTH, parseQuery } from './expression.js';
import { splitFieldPath } from './fields.js';

const f = (name: string) => ({ $getField: name });
const l = (value: unknown) => ({ $literal: value });
const reason = (query: unknown): string => {
  try {
    parseQuery(query);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error('not refused');
};

describe('parseQuery', () => {
  it('reads a comparison with the field first, and flips one with the literal first', () => {
    const field = { kind: 'json', name: 'payload.a', column: 'payload', path: ['a'] };
    expect(parseQuery({ $expr: { $gt: [f('payload.a'), l(1)] } })).toEqual({ op: 'compare', cmp: 'gt', value: { field, convert: null }, literal: 1 });
    expect(parseQuery({ $expr: { $gt: [l(1), f('payload.a')] } })).toEqual({ op: 'compare', cmp: 'lt', value: { field, convert: null }, literal: 1 });
  });

  it('makes $eq null a null test and $gt null a condition that never holds', () => {
    expect(parseQuery({ $expr: { $eq: [f('creator'), l(null)] } })).toMatchObject({ op: 'is_null' });
    expect(parseQuery({ $expr: { $gt: [f('creator'), l(null)] } })).toEqual({ op: 'const', value: false });
  });

  it('resolves created_at bounds to whole milliseconds that select the same rows', () => {
    expect(parseQuery({ $expr: { $gt: [f('created_at'), l(1.0005)] } })).toEqual({ op: 'time', cmp: 'gt', ms: 1000 });
    expect(parseQuery({ $expr: { $gte: [f('created_at'), l(1.0005)] } })).toEqual({ op: 'time', cmp: 'gte', ms: 1001 });
    expect(parseQuery({ $expr: { $eq: [f('created_at'), l(1.0005)] } })).toEqual({ op: 'const', value: false });
    expect(parseQuery({ $expr: { $lt: [f('created_at'), l('2024-01-01')] } })).toEqual({ op: 'time', cmp: 'lt', ms: Date.parse('2024-01-01T00:00:00Z') });
  });

  it('unwraps a single-item $and and lowercases a case-insensitive needle (ASCII only)', () => {
    expect(parseQuery({ $expr: { $and: [{ $contains: { input: f('id'), substr: l('ÄB'), case_insensitive: true } }] } })).toMatchObject({ op: 'contains', substr: 'Äb' });
  });

  it('refuses unknown operators and fields, naming where they are', () => {
    expect(reason({ $expr: { $or: [{ $eq: [f('id'), l(1)] }, { $size: [] }] } })).toMatch(/^Unknown query operator "\$size" at query\.\$expr\.\$or\[1\]/);
    expect(reason({ $expr: { $eq: [f('payloads.a'), l(1)] } })).toMatch(/^Unknown field "payloads\.a" at query\.\$expr\.\$eq\[0\]\.\$getField/);
    expect(reason({ $expr: { $eq: [f('payload.a..b'), l(1)] } })).toMatch(/empty key/);
    expect(reason({ $expr: { $getField: 'id' } })).toMatch(/Expected an operation/);
    expect(reason({ $expr: { $not: [{ $eq: [f('id'), l(1)] }, { $eq: [f('id'), l(2)] }] } })).toMatch(/exactly one operation/);
  });

  it(`refuses operations nested deeper than ${MAX_QUERY_DEPTH}`, () => {
    let expr: unknown = { $eq: [f('id'), l('x')] };
    for (let i = 1; i < MAX_QUERY_DEPTH; i++) expr = { $not: [expr] };
    expect(parseQuery({ $expr: expr })).not.toBeNull();
    expect(reason({ $expr: { $not: [expr] } })).toMatch(/more than 10 deep/);
  });
});

describe('splitFieldPath', () => {
  it('splits on dots, keeping escaped ones inside keys', () => {
    expect(splitFieldPath('a.b\\.c.d')).toEqual(['a', 'b.c', 'd']);
    expect(splitFieldPath('a\\b')).toEqual(['a\\b']);
  });
});
