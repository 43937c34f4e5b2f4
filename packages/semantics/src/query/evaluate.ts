// The query's meaning in JS, over one row at a time: what the in-memory fake runs, and what the
// server's SQL (apps/server/src/sql/query-*.ts) must agree with row for row. Comparisons are typed
// by the literal: a number matches only JSON numbers (or a column converted to double/int), a
// string only strings, a boolean only booleans; a value of another type never matches.
import { compareCodePoints } from '../values/order.js';
import type { SortKey } from './cursor.js';
import { asciiLower, type Comparison, type Predicate, type ValueRef } from './expression.js';
import type { JsonField, QueryField, TextField } from './fields.js';
import { componentDirection, SORT_STRING_CHARS, type SortComponent, type SortSpec } from './sort.js';

/** A stored row as the query reads it: `values` holds `id` and every content column by name. */
export interface QueryRowData {
  createdAtMs: number;
  values: Readonly<Record<string, unknown>>;
}

/** A value as compared: null when missing, JSON null, or a null column. */
type Typed = null | { t: 'string'; v: string } | { t: 'number'; v: number } | { t: 'boolean'; v: boolean } | { t: 'json'; v: object };

/** Follows object keys only (never array indexes), as `payload -> 'a' -> 'b'` does in SQL. */
export function jsonAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function fieldValue(field: TextField | JsonField, row: QueryRowData): unknown {
  const raw = row.values[field.column];
  return field.kind === 'json' ? jsonAt(raw, field.path) : raw;
}

function typedJson(v: unknown): Typed {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'boolean') return { t: 'boolean', v };
  return { t: 'json', v: v as object };
}

/** Decimal text `$convert` reads as a number (the server's regular expression is the same). */
export const NUMBER_TEXT = /^[-+]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})([eE][-+]?[0-9]{1,2})?$/;

function toDouble(v: Typed): number | null {
  if (v === null) return null;
  if (v.t === 'number') return v.v;
  if (v.t === 'string' && NUMBER_TEXT.test(v.v)) return Number(v.v);
  return null;
}

function converted(ref: ValueRef, row: QueryRowData): Typed {
  const v = typedJson(fieldValue(ref.field, row));
  switch (ref.convert) {
    case null:
      return v;
    case 'double': {
      const n = toDouble(v);
      return n === null ? null : { t: 'number', v: n };
    }
    case 'int': {
      const n = toDouble(v);
      return n === null ? null : { t: 'number', v: Math.trunc(n) };
    }
    case 'string':
      if (v === null) return null;
      if (v.t === 'string') return v;
      return v.t === 'boolean' ? { t: 'string', v: String(v.v) } : null;
    case 'bool':
      if (v === null) return null;
      if (v.t === 'boolean') return v;
      if (v.t === 'string') return v.v === 'true' ? { t: 'boolean', v: true } : v.v === 'false' ? { t: 'boolean', v: false } : null;
      return v.t === 'number' ? { t: 'boolean', v: v.v !== 0 } : null;
    case 'exists':
      return { t: 'boolean', v: v !== null };
  }
}

function order(a: Typed & object, b: number | string | boolean): number {
  if (typeof b === 'string') return compareCodePoints(a.v as string, b);
  if (typeof b === 'number') return (a.v as number) - b;
  return Number(a.v as boolean) - Number(b);
}

function holds(cmp: Comparison, c: number): boolean {
  switch (cmp) {
    case 'eq':
      return c === 0;
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
  }
}

/** jsonb equality: same types, numbers by value, objects by key set (any order), arrays in order. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return ka.length === Object.keys(rb).length && ka.every((k) => Object.hasOwn(rb, k) && jsonEquals((a as Record<string, unknown>)[k], rb[k]));
}

const sameType = (v: Typed, literal: unknown): v is Typed & object => v !== null && v.t === typeof literal;

export function matchesPredicate(p: Predicate, row: QueryRowData): boolean {
  switch (p.op) {
    case 'and':
      return p.items.every((item) => matchesPredicate(item, row));
    case 'or':
      return p.items.some((item) => matchesPredicate(item, row));
    case 'not':
      return !matchesPredicate(p.item, row);
    case 'const':
      return p.value;
    case 'compare': {
      const v = converted(p.value, row);
      return sameType(v, p.literal) && holds(p.cmp, order(v, p.literal));
    }
    case 'is_null':
      return converted(p.value, row) === null;
    case 'json_eq': {
      const v = converted(p.value, row);
      return v !== null && v.t === 'json' && jsonEquals(v.v, p.literal);
    }
    case 'in': {
      const v = converted(p.value, row);
      if (v === null) return p.nulls;
      switch (v.t) {
        case 'string':
          return p.strings.includes(v.v);
        case 'number':
          return p.numbers.includes(v.v);
        case 'boolean':
          return p.booleans.includes(v.v);
        case 'json':
          return p.objects.some((o) => jsonEquals(v.v, o));
      }
    }
    case 'contains': {
      const v = converted(p.value, row);
      if (v === null || v.t !== 'string') return false;
      return (p.caseInsensitive ? asciiLower(v.v) : v.v).includes(p.substr);
    }
    case 'time':
      return holds(p.cmp, row.createdAtMs - p.ms);
    case 'time_in':
      return p.ms.includes(row.createdAtMs);
    case 'has_tag': {
      const tags = row.values['scorer_tags'];
      if (!Array.isArray(tags)) return false;
      return tags.some((t) => typeof t === 'string' && (p.caseInsensitive ? asciiLower(t) : t) === p.tag);
    }
  }
}

/** The first `n` code points of `s` (PostgreSQL's left(s, n) on UTF-8 text). */
function leftCodePoints(s: string, n: number): string {
  let units = 0;
  let points = 0;
  while (units < s.length && points < n) {
    const unit = s.charCodeAt(units);
    units += unit >= 0xd800 && unit < 0xdc00 && units + 1 < s.length ? 2 : 1;
    points++;
  }
  return s.slice(0, units);
}

function componentKey(c: SortComponent, row: QueryRowData): SortKey {
  switch (c.kind) {
    case 'present':
      return typedJson(fieldValue(c.field, row)) !== null;
    case 'text': {
      const v = fieldValue(c.field, row);
      return typeof v === 'string' ? v : '';
    }
    case 'time':
      return row.createdAtMs;
    case 'json_is':
      return typeof fieldValue(c.field, row) === c.type;
    case 'json_number': {
      const v = fieldValue(c.field, row);
      return typeof v === 'number' ? v : 0;
    }
    case 'json_string': {
      const v = fieldValue(c.field, row);
      return typeof v === 'string' ? leftCodePoints(v, SORT_STRING_CHARS) : '';
    }
    case 'json_boolean': {
      const v = fieldValue(c.field, row);
      return typeof v === 'boolean' ? v : false;
    }
  }
}

export function sortKeysOf(sort: SortSpec, row: QueryRowData): SortKey[] {
  return sort.components.map((c) => componentKey(c, row));
}

function compareKey(a: SortKey, b: SortKey): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}

/** Negative when the row with keys `a` comes first in the query's order. */
export function compareSortKeys(sort: SortSpec, a: readonly SortKey[], b: readonly SortKey[]): number {
  for (const [i, c] of sort.components.entries()) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) continue;
    const d = compareKey(x, y);
    if (d !== 0) return componentDirection(c) === 'asc' ? d : -d;
  }
  return 0;
}

/** The row's value for each output field: created_at in epoch ms, a path's JSON value or null. */
export function outputsOf(fields: readonly QueryField[], row: QueryRowData): unknown[] {
  return fields.map((f) => {
    if (f.kind === 'time') return row.createdAtMs;
    if (f.kind === 'json') return jsonAt(row.values[f.column], f.path) ?? null;
    return row.values[f.column] ?? null;
  });
}
