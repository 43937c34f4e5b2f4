// A query's order as SQL: each sort component (packages/semantics/src/query/sort.ts) is a non-null
// expression, so ORDER BY needs no NULLS clause and the keyset condition (rows after a cursor) is
// plain comparisons. Text sorts by code point (COLLATE "C"), as the fake's compareCodePoints.
import { componentDirection, SORT_STRING_CHARS, type SortComponent, type SortKey, type SortSpec } from '@feedback/semantics';
import { jsonPathSql } from './query-predicate.js';
import { pgInstant } from './pg-instant.js';
import type { Bind } from './statement.js';

export interface OrderColumn {
  /** What ORDER BY sorts on in the table's scan (created_at itself, so its index can serve it). */
  order: string;
  /** The key as returned for the cursor (created_at in epoch ms). */
  key: string;
  direction: 'ASC' | 'DESC';
  /** The SQL type a cursor's value is bound as, compared with `order`. */
  cursorType: 'boolean' | 'float8' | 'text' | 'timestamptz';
  /** Collation to sort the returned key by. */
  collate: string;
}

function columnSql(c: SortComponent, bind: Bind): { order: string; key: string; cursorType: OrderColumn['cursorType'] } {
  switch (c.kind) {
    case 'present': {
      const e = c.field.kind === 'text' ? `(${c.field.column} IS NOT NULL)` : `coalesce(jsonb_typeof(${jsonPathSql(c.field, bind)}) <> 'null', false)`;
      return { order: e, key: e, cursorType: 'boolean' };
    }
    case 'text': {
      const e = c.field.nullable ? `coalesce(${c.field.column}, '')` : c.field.column;
      return { order: `${e} COLLATE "C"`, key: e, cursorType: 'text' };
    }
    case 'time':
      return { order: 'created_at', key: '(extract(epoch FROM created_at) * 1000)::float8', cursorType: 'timestamptz' };
    case 'json_is': {
      const e = `coalesce(jsonb_typeof(${jsonPathSql(c.field, bind)}) = '${c.type}', false)`;
      return { order: e, key: e, cursorType: 'boolean' };
    }
    case 'json_number': {
      const v = jsonPathSql(c.field, bind);
      const e = `CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v})::float8 ELSE 0 END`;
      return { order: e, key: e, cursorType: 'float8' };
    }
    case 'json_string': {
      const v = jsonPathSql(c.field, bind);
      const e = `CASE WHEN jsonb_typeof(${v}) = 'string' THEN left(${v} #>> '{}', ${SORT_STRING_CHARS}) ELSE '' END`;
      return { order: `(${e}) COLLATE "C"`, key: e, cursorType: 'text' };
    }
    case 'json_boolean': {
      const v = jsonPathSql(c.field, bind);
      const e = `CASE WHEN jsonb_typeof(${v}) = 'boolean' THEN (${v})::boolean ELSE false END`;
      return { order: e, key: e, cursorType: 'boolean' };
    }
  }
}

export function orderColumns(sort: SortSpec, bind: Bind): OrderColumn[] {
  return sort.components.map((c) => {
    const sql = columnSql(c, bind);
    return { ...sql, direction: componentDirection(c) === 'asc' ? 'ASC' : 'DESC', collate: sql.cursorType === 'text' ? ' COLLATE "C"' : '' };
  });
}

/**
 * Rows strictly after the cursor's position: (c0 after) OR (c0 equal AND (c1 after OR …)), plus
 * the first column's bound on its own, which an index range scan can use.
 */
export function afterCursorSql(columns: readonly OrderColumn[], keys: readonly SortKey[], bind: Bind): string {
  const bound = columns.map((c, i) => {
    const key = keys[i];
    return c.cursorType === 'timestamptz' ? bind(pgInstant(Number(key)), 'timestamptz') : bind(key, c.cursorType);
  });
  let cond = 'false';
  for (let i = columns.length - 1; i >= 0; i--) {
    const c = columns[i] as OrderColumn;
    const after = c.direction === 'ASC' ? '>' : '<';
    cond = `(${c.order} ${after} ${bound[i] ?? 'NULL'} OR (${c.order} = ${bound[i] ?? 'NULL'} AND ${cond}))`;
  }
  const first = columns[0];
  if (first === undefined) return cond;
  return `${first.order} ${first.direction === 'ASC' ? '>=' : '<='} ${bound[0] ?? 'NULL'} AND ${cond}`;
}
