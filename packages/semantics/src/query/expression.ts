// Weave's query expression (`{"$expr": …}`), checked and turned into a typed predicate tree that
// the server translates to SQL (bound parameters only) and the fake evaluates in JS (evaluate.ts):
// one reading of the expression, so both select the same rows. Unknown operators and fields, and
// shapes Weave would not accept, are a 400 naming where they are.
import { invalidRequest } from '../errors.js';
import { parseDateTime } from '../time/index.js';
import { resolveField, type JsonField, type TextField } from './fields.js';

export type Comparison = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
export type ConvertTo = 'double' | 'int' | 'string' | 'bool' | 'exists';
const CONVERT_TO: readonly ConvertTo[] = ['double', 'int', 'string', 'bool', 'exists'];

/** A field's value, optionally converted (`$convert`). */
export interface ValueRef {
  field: TextField | JsonField;
  convert: ConvertTo | null;
}

export type Scalar = string | number | boolean;

export type Predicate =
  | { op: 'and' | 'or'; items: Predicate[] }
  | { op: 'not'; item: Predicate }
  | { op: 'const'; value: boolean }
  /** The value has the literal's JSON type and compares so (strings by code point). */
  | { op: 'compare'; cmp: Comparison; value: ValueRef; literal: Scalar }
  /** Missing, JSON null, or a null column. */
  | { op: 'is_null'; value: ValueRef }
  /** JSON equality with an object or array literal (unconverted JSON fields only). */
  | { op: 'json_eq'; value: ValueRef; literal: object }
  | { op: 'in'; value: ValueRef; strings: string[]; numbers: number[]; booleans: boolean[]; nulls: boolean; objects: object[] }
  /** Substring of a string value; `substr` already ASCII-lowercased when caseInsensitive. */
  | { op: 'contains'; value: ValueRef; substr: string; caseInsensitive: boolean }
  /** created_at against whole epoch milliseconds (fractions already resolved). */
  | { op: 'time'; cmp: Comparison; ms: number }
  | { op: 'time_in'; ms: number[] }
  /** scorer_tags holds the tag (ASCII case-insensitively when asked; `tag` then lowercased). */
  | { op: 'has_tag'; tag: string; caseInsensitive: boolean };

/** Operations nested at most this deep (the schema bounds the JSON nesting as well). */
export const MAX_QUERY_DEPTH = 10;
/** JSON values (objects, arrays, scalars) an expression may hold in all. */
export const MAX_QUERY_NODES = 4096;

const OPERATIONS = ['$and', '$or', '$not', '$eq', '$gt', '$gte', '$lt', '$lte', '$in', '$contains'] as const;
const OPERANDS = ['$literal', '$getField', '$convert'] as const;
const FLIPPED: Record<Comparison, Comparison> = { eq: 'eq', gt: 'lt', gte: 'lte', lt: 'gt', lte: 'gte' };

/** ASCII-only lowercase: the same on every engine and collation (PostgreSQL's lower() is not). */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The single `$key` of an operand object, or a 400. */
function soleKey(v: unknown, at: string): [string, unknown] {
  if (!isObject(v)) throw invalidRequest(`Expected an operation or operand object at ${at}, found ${describe(v)}`);
  const keys = Object.keys(v);
  if (keys.length !== 1) {
    throw invalidRequest(`An operation or operand at ${at} must have exactly one key, found ${keys.length === 0 ? 'none' : keys.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  const key = keys[0] as string;
  if (!(OPERATIONS as readonly string[]).includes(key) && !(OPERANDS as readonly string[]).includes(key)) {
    throw invalidRequest(`Unknown query operator ${JSON.stringify(key)} at ${at}: the operators are ${[...OPERATIONS, ...OPERANDS].join(', ')}`);
  }
  return [key, v[key]];
}

function countNodes(root: unknown): number {
  let n = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    n++;
    if (n > MAX_QUERY_NODES) return n;
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (isObject(v)) stack.push(...Object.values(v));
  }
  return n;
}

type Side =
  | { kind: 'literal'; value: Json }
  | { kind: 'field'; ref: ValueRef }
  | { kind: 'time' }
  | { kind: 'tags' };

function parseField(arg: unknown, at: string): Side {
  if (typeof arg !== 'string') throw invalidRequest(`$getField at ${at} takes a field name (a string), found ${describe(arg)}`);
  const field = resolveField(arg, at);
  if (field.kind === 'time') return { kind: 'time' };
  if (field.kind === 'tags') return { kind: 'tags' };
  return { kind: 'field', ref: { field, convert: null } };
}

function parseSide(v: unknown, at: string): Side {
  const [key, arg] = soleKey(v, at);
  if (key === '$literal') return { kind: 'literal', value: arg as Json };
  if (key === '$getField') return parseField(arg, `${at}.$getField`);
  if (key === '$convert') {
    if (!isObject(arg)) throw invalidRequest(`$convert at ${at} takes {input, to}, found ${describe(arg)}`);
    const extra = Object.keys(arg).filter((k) => k !== 'input' && k !== 'to');
    if (extra.length > 0) throw invalidRequest(`$convert at ${at} takes only input and to, found ${JSON.stringify(extra[0])}`);
    const to = arg['to'];
    if (typeof to !== 'string' || !(CONVERT_TO as readonly string[]).includes(to)) {
      throw invalidRequest(`$convert at ${at} converts to one of ${CONVERT_TO.join(', ')}, found ${JSON.stringify(to ?? null)}`);
    }
    const [inputKey, inputArg] = soleKey(arg['input'], `${at}.$convert.input`);
    if (inputKey !== '$getField') throw invalidRequest(`$convert at ${at} converts a field: its input must be {"$getField": …}`);
    const input = parseField(inputArg, `${at}.$convert.input.$getField`);
    if (input.kind !== 'field') throw invalidRequest(`$convert at ${at}: created_at and scorer_tags cannot be converted`);
    return { kind: 'field', ref: { field: input.ref.field, convert: to as ConvertTo } };
  }
  throw invalidRequest(`Expected an operand ($getField, $literal, $convert) at ${at}, found the operation ${key}`);
}

function timeLiteralMs(value: Json, at: string): number {
  let ms: number | null = null;
  if (typeof value === 'number') ms = value * 1000;
  else if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) ms = parseDateTime(`${value}T00:00:00Z`);
    else ms = parseDateTime(value) ?? parseDateTime(`${value}Z`);
  }
  if (ms === null || !Number.isFinite(ms)) {
    throw invalidRequest(`created_at at ${at} compares with an RFC 3339 date-time (or a date, read as UTC midnight) or with epoch seconds, found ${JSON.stringify(value)}`);
  }
  // No row lies outside years 0000–9999: a bound beyond them selects as the year's edge does.
  return Math.min(253_402_300_800_000, Math.max(-62_167_219_200_001, ms));
}

/** created_at <cmp> ms, for whole-millisecond rows: a fractional bound moves to the whole one that selects the same rows. */
function timePredicate(cmp: Comparison, ms: number): Predicate {
  if (Number.isInteger(ms)) return { op: 'time', cmp, ms };
  switch (cmp) {
    case 'eq':
      return { op: 'const', value: false };
    case 'gt':
    case 'lte':
      return { op: 'time', cmp, ms: Math.floor(ms) };
    case 'gte':
    case 'lt':
      return { op: 'time', cmp, ms: Math.ceil(ms) };
  }
}

function comparePredicate(cmp: Comparison, ref: ValueRef, literal: Json): Predicate {
  if (literal === null) return cmp === 'eq' ? { op: 'is_null', value: ref } : { op: 'const', value: false };
  if (typeof literal === 'object') {
    if (cmp !== 'eq') return { op: 'const', value: false };
    if (ref.field.kind !== 'json' || ref.convert !== null) return { op: 'const', value: false };
    return { op: 'json_eq', value: ref, literal };
  }
  return { op: 'compare', cmp, value: ref, literal };
}

function parseComparison(op: Comparison, arg: unknown, at: string): Predicate {
  if (!Array.isArray(arg) || arg.length !== 2) throw invalidRequest(`$${op} at ${at} takes a list of two operands`);
  let left = parseSide(arg[0], `${at}[0]`);
  let right = parseSide(arg[1], `${at}[1]`);
  let cmp = op;
  if (left.kind === 'literal' && right.kind !== 'literal') {
    [left, right] = [right, left];
    cmp = FLIPPED[op];
  }
  if (right.kind !== 'literal' || left.kind === 'literal') {
    throw invalidRequest(`$${op} at ${at} compares a field with a literal: one operand must be $getField (or $convert of one), the other $literal`);
  }
  if (left.kind === 'time') return timePredicate(cmp, timeLiteralMs(right.value, at));
  if (left.kind === 'tags') throw invalidRequest(`scorer_tags at ${at} can only be searched with $contains (is a tag in the list)`);
  return comparePredicate(cmp, left.ref, right.value);
}

function parseIn(arg: unknown, at: string): Predicate {
  if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) {
    throw invalidRequest(`$in at ${at} takes [operand, [literals…]]`);
  }
  const subject = parseSide(arg[0], `${at}[0]`);
  const literals = (arg[1] as unknown[]).map((item, i) => {
    const side = parseSide(item, `${at}[1][${i}]`);
    if (side.kind !== 'literal') throw invalidRequest(`$in at ${at}[1][${i}]: the list holds $literal operands only`);
    return side.value;
  });
  if (subject.kind === 'literal') throw invalidRequest(`$in at ${at} tests a field: its first operand must be $getField (or $convert of one)`);
  if (subject.kind === 'tags') throw invalidRequest(`scorer_tags at ${at} can only be searched with $contains (is a tag in the list)`);
  if (subject.kind === 'time') {
    const ms = literals.map((l, i) => timeLiteralMs(l, `${at}[1][${i}]`)).filter((m) => Number.isInteger(m));
    return { op: 'time_in', ms: [...new Set(ms)] };
  }
  const pred: Extract<Predicate, { op: 'in' }> = { op: 'in', value: subject.ref, strings: [], numbers: [], booleans: [], nulls: false, objects: [] };
  for (const l of literals) {
    if (l === null) pred.nulls = true;
    else if (typeof l === 'string') pred.strings.push(l);
    else if (typeof l === 'number') pred.numbers.push(l);
    else if (typeof l === 'boolean') pred.booleans.push(l);
    else if (subject.ref.field.kind === 'json' && subject.ref.convert === null) pred.objects.push(l);
  }
  return pred;
}

function parseContains(arg: unknown, at: string): Predicate {
  if (!isObject(arg)) throw invalidRequest(`$contains at ${at} takes {input, substr, case_insensitive?}`);
  const extra = Object.keys(arg).filter((k) => k !== 'input' && k !== 'substr' && k !== 'case_insensitive');
  if (extra.length > 0) throw invalidRequest(`$contains at ${at} takes only input, substr and case_insensitive, found ${JSON.stringify(extra[0])}`);
  const ci = arg['case_insensitive'] ?? false;
  if (typeof ci !== 'boolean') throw invalidRequest(`$contains at ${at}: case_insensitive is true or false`);
  const input = parseSide(arg['input'], `${at}.input`);
  const substrSide = parseSide(arg['substr'], `${at}.substr`);
  if (substrSide.kind !== 'literal' || typeof substrSide.value !== 'string') {
    throw invalidRequest(`$contains at ${at}: substr must be a string $literal`);
  }
  const substr = ci ? asciiLower(substrSide.value) : substrSide.value;
  if (input.kind === 'tags') return { op: 'has_tag', tag: substr, caseInsensitive: ci };
  if (input.kind !== 'field') throw invalidRequest(`$contains at ${at}: input must be a text field ($getField or $convert of one), not ${input.kind === 'time' ? 'created_at' : 'a literal'}`);
  return { op: 'contains', value: input.ref, substr, caseInsensitive: ci };
}

function parseCondition(v: unknown, at: string, depth: number): Predicate {
  if (depth > MAX_QUERY_DEPTH) {
    throw invalidRequest(`The query nests operations more than ${MAX_QUERY_DEPTH} deep (at ${at}); flatten it`);
  }
  const [key, arg] = soleKey(v, at);
  const here = `${at}.${key}`;
  switch (key) {
    case '$and':
    case '$or': {
      if (!Array.isArray(arg) || arg.length === 0) throw invalidRequest(`${key} at ${at} takes a non-empty list of operations`);
      const items = arg.map((item: unknown, i) => parseCondition(item, `${here}[${i}]`, depth + 1));
      return items.length === 1 && items[0] !== undefined ? items[0] : { op: key === '$and' ? 'and' : 'or', items };
    }
    case '$not': {
      if (!Array.isArray(arg) || arg.length !== 1) throw invalidRequest(`$not at ${at} takes a list of exactly one operation`);
      return { op: 'not', item: parseCondition(arg[0], `${here}[0]`, depth + 1) };
    }
    case '$eq':
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return parseComparison(key.slice(1) as Comparison, arg, here);
    case '$in':
      return parseIn(arg, here);
    case '$contains':
      return parseContains(arg, here);
    case '$convert': {
      // A boolean conversion stands as a condition of its own: `exists`, or `bool` being true.
      const side = parseSide(v, at);
      if (side.kind === 'field' && (side.ref.convert === 'exists' || side.ref.convert === 'bool')) {
        return { op: 'compare', cmp: 'eq', value: side.ref, literal: true };
      }
      throw invalidRequest(`$convert at ${at} stands as a condition only with to: exists or bool`);
    }
    default:
      throw invalidRequest(`Expected an operation at ${at}, found the operand ${key}: a condition is $and, $or, $not, $eq, $gt, $gte, $lt, $lte, $in or $contains`);
  }
}

/** The `query` of a request as a predicate: `null` (no query) selects every row. */
export function parseQuery(query: unknown): Predicate | null {
  if (query === null || query === undefined) return null;
  if (!isObject(query) || !('$expr' in query)) throw invalidRequest('query must be {"$expr": <operation>}');
  const nodes = countNodes(query);
  if (nodes > MAX_QUERY_NODES) {
    throw invalidRequest(`The query holds more than ${MAX_QUERY_NODES} JSON values; at most ${MAX_QUERY_NODES} are allowed. Split it, or use $in with fewer items`);
  }
  return parseCondition(query['$expr'], 'query.$expr', 1);
}
