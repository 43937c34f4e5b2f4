// A checked query predicate (packages/semantics/src/query) as a SQL condition over the feedback
// table. Column names come from the shared allow-list (resolveField), keys of a JSON path and
// every literal are bound parameters; the SQL text is assembled only from the fixed fragments
// here. Each condition is true or false, never NULL (coalesce), so `$not` is plain negation, as in
// the fake's evaluate.ts. Type guards are CASE expressions: unlike AND, CASE evaluates its branches
// only when their condition holds, so a cast never sees a value of another JSON type.
import { NUMBER_TEXT, type Comparison, type JsonField, type Predicate, type TextField, type ValueRef } from '@feedback/semantics';
import { pgInstant } from './pg-instant.js';
import type { Bind } from './statement.js';

const OPERATOR: Record<Comparison, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

// A fixed pattern, written into the statement as a literal: the same one the fake uses.
const NUMBER_PATTERN = `'${NUMBER_TEXT.source}'`;
const UPPER = `'ABCDEFGHIJKLMNOPQRSTUVWXYZ'`;
const LOWER = `'abcdefghijklmnopqrstuvwxyz'`;

/** The value of a JSON path (jsonb, NULL when missing): `payload -> $5::text -> $6::text`. */
export function jsonPathSql(field: JsonField, bind: Bind): string {
  return field.path.reduce((expr, key) => `${expr} -> ${bind(key, 'text')}`, `(${field.column}`) + ')';
}

/**
 * A value as SQL, per the type it is compared as; null where it never has that type. Getters, so
 * a path's keys are bound only when the SQL really uses the path: PostgreSQL refuses a statement
 * with a parameter it never reads (it cannot tell the parameter's type).
 */
interface TypedSql {
  string(): string | null;
  number(): string | null;
  boolean(): string | null;
  /** The raw jsonb (unconverted JSON fields only), for equality with objects and arrays. */
  json(): string | null;
  /** True when the value is missing, JSON null or a null column. */
  isNull(): string;
}

function once(make: () => string): () => string {
  let made: string | undefined;
  return () => (made ??= make());
}

function fieldSql(field: TextField | JsonField, bind: Bind): TypedSql {
  if (field.kind === 'text') {
    return { string: () => field.column, number: () => null, boolean: () => null, json: () => null, isNull: () => `${field.column} IS NULL` };
  }
  const v = once(() => jsonPathSql(field, bind));
  return {
    string: () => `CASE WHEN jsonb_typeof(${v()}) = 'string' THEN ${v()} #>> '{}' END`,
    number: () => `CASE WHEN jsonb_typeof(${v()}) = 'number' THEN (${v()})::float8 END`,
    boolean: () => `CASE WHEN jsonb_typeof(${v()}) = 'boolean' THEN (${v()})::boolean END`,
    json: v,
    isNull: () => `coalesce(jsonb_typeof(${v()}) = 'null', true)`,
  };
}

function typedSql(ref: ValueRef, bind: Bind): TypedSql {
  const raw = fieldSql(ref.field, bind);
  if (ref.convert === null) return raw;
  // What a conversion reads: the string form (a text column, or a JSON string) and the JSON number.
  const text = () => raw.string() ?? 'NULL::text';
  const double = () => {
    const n = raw.number() ?? 'NULL';
    return `CASE WHEN ${n} IS NOT NULL THEN ${n} WHEN ${text()} ~ ${NUMBER_PATTERN} THEN (${text()})::float8 END`;
  };
  const none = { string: () => null, number: () => null, boolean: () => null, json: () => null };
  switch (ref.convert) {
    case 'double':
      return { ...none, number: double, isNull: () => `(${double()}) IS NULL` };
    case 'int':
      return { ...none, number: () => `trunc(${double()})`, isNull: () => `(${double()}) IS NULL` };
    case 'string': {
      const str = () => {
        const b = raw.boolean();
        return b === null ? text() : `coalesce(${text()}, (${b})::text)`;
      };
      return { ...none, string: str, isNull: () => `(${str()}) IS NULL` };
    }
    case 'bool': {
      const b = () => {
        const n = raw.number();
        const fromNumber = n === null ? 'NULL' : `(${n}) <> 0`;
        const own = raw.boolean() ?? 'NULL';
        return `CASE WHEN ${own} IS NOT NULL THEN ${own} WHEN ${text()} = 'true' THEN true WHEN ${text()} = 'false' THEN false ELSE ${fromNumber} END`;
      };
      return { ...none, boolean: b, isNull: () => `(${b()}) IS NULL` };
    }
    case 'exists':
      return { ...none, boolean: () => `NOT (${raw.isNull()})`, isNull: () => 'false' };
  }
}

const orFalse = (cond: string): string => `coalesce(${cond}, false)`;

type Domain = 'string' | 'number' | 'boolean' | 'json';

/**
 * Whether a value can have the type at all, known before anything is bound: a condition that
 * cannot hold is written `false` without binding its path keys (an unused parameter has no type,
 * and PostgreSQL refuses the statement).
 */
function canBe(ref: ValueRef, domain: Domain): boolean {
  switch (ref.convert) {
    case null:
      return ref.field.kind === 'json' || domain === 'string';
    case 'double':
    case 'int':
      return domain === 'number';
    case 'string':
      return domain === 'string';
    case 'bool':
    case 'exists':
      return domain === 'boolean';
  }
}

function compareSql(p: Extract<Predicate, { op: 'compare' }>, bind: Bind): string {
  const domain = typeof p.literal as 'string' | 'number' | 'boolean';
  if (!canBe(p.value, domain)) return 'false';
  const t = typedSql(p.value, bind);
  const op = OPERATOR[p.cmp];
  if (typeof p.literal === 'string') return orFalse(`(${t.string() ?? 'NULL'}) COLLATE "C" ${op} ${bind(p.literal, 'text')}`);
  if (typeof p.literal === 'number') return orFalse(`(${t.number() ?? 'NULL'}) ${op} ${bind(p.literal, 'float8')}`);
  return orFalse(`(${t.boolean() ?? 'NULL'}) ${op} ${bind(p.literal, 'boolean')}`);
}

function inSql(p: Extract<Predicate, { op: 'in' }>, bind: Bind): string {
  const used =
    p.nulls ||
    (p.strings.length > 0 && canBe(p.value, 'string')) ||
    (p.numbers.length > 0 && canBe(p.value, 'number')) ||
    (p.booleans.length > 0 && canBe(p.value, 'boolean')) ||
    (p.objects.length > 0 && canBe(p.value, 'json'));
  if (!used) return 'false';
  const t = typedSql(p.value, bind);
  const parts: string[] = [];
  if (p.nulls) parts.push(`(${t.isNull()})`);
  const string = p.strings.length > 0 ? t.string() : null;
  if (string !== null) parts.push(orFalse(`(${string}) = ANY(${bind(p.strings, 'text[]')})`));
  const number = p.numbers.length > 0 ? t.number() : null;
  if (number !== null) parts.push(orFalse(`(${number}) = ANY(${bind(p.numbers, 'float8[]')})`));
  const boolean = p.booleans.length > 0 ? t.boolean() : null;
  if (boolean !== null) parts.push(orFalse(`(${boolean}) = ANY(${bind(p.booleans, 'boolean[]')})`));
  const json = p.objects.length > 0 ? t.json() : null;
  // jsonb equality across kinds is false, never an error.
  if (json !== null) parts.push(orFalse(`(${json}) = ANY(${bind(p.objects.map((o) => JSON.stringify(o)), 'jsonb[]')})`));
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

export function predicateSql(p: Predicate, bind: Bind): string {
  switch (p.op) {
    case 'and':
    case 'or':
      return `(${p.items.map((item) => predicateSql(item, bind)).join(p.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${predicateSql(p.item, bind)})`;
    case 'const':
      return p.value ? 'true' : 'false';
    case 'compare':
      return compareSql(p, bind);
    case 'is_null':
      return `(${typedSql(p.value, bind).isNull()})`;
    case 'json_eq': {
      if (!canBe(p.value, 'json')) return 'false';
      return orFalse(`(${typedSql(p.value, bind).json() ?? 'NULL'}) = ${bind(JSON.stringify(p.literal), 'jsonb')}`);
    }
    case 'in':
      return inSql(p, bind);
    case 'contains': {
      if (!canBe(p.value, 'string')) return 'false';
      const text = typedSql(p.value, bind).string() ?? 'NULL';
      const haystack = p.caseInsensitive ? `translate(${text}, ${UPPER}, ${LOWER})` : text;
      return orFalse(`strpos(${haystack}, ${bind(p.substr, 'text')}) > 0`);
    }
    case 'time':
      return `created_at ${OPERATOR[p.cmp]} ${bind(pgInstant(p.ms), 'timestamptz')}`;
    case 'time_in':
      return p.ms.length === 0 ? 'false' : `created_at = ANY(${bind(p.ms.map(pgInstant), 'timestamptz[]')})`;
    case 'has_tag':
      return p.caseInsensitive
        ? `EXISTS (SELECT 1 FROM unnest(scorer_tags) AS t(tag) WHERE translate(t.tag, ${UPPER}, ${LOWER}) = ${bind(p.tag, 'text')})`
        : `${bind(p.tag, 'text')} = ANY(scorer_tags)`;
  }
}
