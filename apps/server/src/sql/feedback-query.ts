// /feedback/query as one statement: the project's matching rows in the query's order, from the
// page's start (cursor, offset), at most limit + 1 of them, each with its output values, its sort
// key (for the next cursor) and its size, cut where the sizes pass a guard so the server never
// holds more than that however large the rows are.
//
// The rows are read in two branches, as the stats and aggregate queries do (project-rows.ts):
// `covered` rows through the (project_id, created_at) covering index, the rest through
// feedback_uncovered; each branch sorts and limits itself, so the default order (created_at, id)
// is an index scan that stops after the page, and a cursor on created_at a range scan.
//
// SQL text comes only from fixed fragments and the shared allow-list of columns; every value from
// the request (path keys, literals, cursor keys, limits) is a bound parameter.
import { MAX_QUERY_ANSWER_BYTES, type CheckedQueryRequest, type QueryField, type QueryPageRow, type SortKey } from '@feedback/semantics';
import type { Db } from '../storage/db.js';
import { afterCursorSql, orderColumns } from './query-order.js';
import { jsonPathSql, predicateSql } from './query-predicate.js';
import { boundParams, type Bind, type SqlStatement } from './statement.js';

/**
 * Rows are cut once their sizes (the text PostgreSQL gives each value) pass this: far above what
 * an answer may hold (the shared rule measures the JSON itself and refuses past 16 MiB), so the
 * cut only ever bounds memory and never decides an answer on its own.
 */
export const QUERY_READ_GUARD_BYTES = 4 * MAX_QUERY_ANSWER_BYTES;

function outputSql(f: QueryField, bind: Bind): { value: string; size: string } {
  switch (f.kind) {
    case 'text':
      return { value: f.column, size: `coalesce(octet_length(${f.column}), 4)` };
    case 'time':
      return { value: '(extract(epoch FROM created_at) * 1000)::float8', size: '26' };
    case 'tags':
      return { value: 'scorer_tags', size: 'octet_length(array_to_json(scorer_tags)::text)' };
    case 'json': {
      const v = jsonPathSql(f, bind);
      return { value: v, size: `coalesce(octet_length((${v})::text), 4)` };
    }
  }
}

export function buildFeedbackQuerySql(q: CheckedQueryRequest): SqlStatement {
  const { params, bind } = boundParams([q.projectId]);
  const outputs = q.fields.map((f) => outputSql(f, bind));
  const columns = orderColumns(q.sort, bind);
  const where = ['project_id = $1'];
  if (q.predicate !== null) where.push(predicateSql(q.predicate, bind));
  if (q.after !== null) where.push(afterCursorSql(columns, q.after, bind));
  const select = [
    ...outputs.map((o, i) => `${o.value} AS o${i}`),
    ...columns.map((c, i) => `${c.key} AS k${i}`),
    `(${outputs.map((o) => o.size).join(' + ') || '0'})::float8 AS w`,
  ].join(', ');
  const scanOrder = columns.map((c) => `${c.order} ${c.direction}`).join(', ');
  const keyOrder = columns.map((c, i) => `k${i}${c.collate} ${c.direction}`).join(', ');
  const branchLimit = bind(q.offset + q.limit + 1, 'int');
  const filter = where.join(' AND ');
  const sql = `
    WITH page AS (
      SELECT * FROM (
        (SELECT ${select} FROM feedback WHERE covered AND ${filter} ORDER BY ${scanOrder} LIMIT ${branchLimit})
        UNION ALL
        (SELECT ${select} FROM feedback WHERE NOT covered AND ${filter} ORDER BY ${scanOrder} LIMIT ${branchLimit})
      ) AS u
      ORDER BY ${keyOrder}
      LIMIT ${bind(q.limit + 1, 'int')} OFFSET ${bind(q.offset, 'int')}
    )
    SELECT * FROM (
      SELECT page.*, sum(w) OVER (ORDER BY ${keyOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM page
    ) AS weighed
    WHERE running - w <= ${bind(QUERY_READ_GUARD_BYTES, 'float8')}
    ORDER BY ${keyOrder}`;
  return { sql, params };
}

/** The statement's rows, as the shared assembleQueryResponse takes them. */
export interface FeedbackQueryRows {
  rows: QueryPageRow[];
  /** The rows passed QUERY_READ_GUARD_BYTES: the answer is too large whatever the rest holds. */
  overGuard: boolean;
}

export async function runFeedbackQuery(db: Db, q: CheckedQueryRequest): Promise<FeedbackQueryRows> {
  const { sql, params } = buildFeedbackQuerySql(q);
  const res = await db.query<Record<string, unknown>>(sql, params);
  let overGuard = false;
  const rows = res.rows.map((r): QueryPageRow => {
    if (Number(r['running']) > QUERY_READ_GUARD_BYTES) overGuard = true;
    return {
      outputs: q.fields.map((_, i) => r[`o${i}`] ?? null),
      keys: q.sort.components.map((_, i) => r[`k${i}`] as SortKey),
    };
  });
  return { rows, overGuard };
}
