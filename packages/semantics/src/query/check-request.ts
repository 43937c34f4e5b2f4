// Everything a /feedback/query request resolves to, checked once for the server, the fake and the
// benchmarks: the output fields, the predicate, the order, the page (limit, offset, cursor).
// What is left for an engine is to find the rows (assemble.ts shapes the answer).
import type { FeedbackQueryReq } from '@feedback/api-types';
import { invalidRequest } from '../errors.js';
import { assertCleanStrings } from '../values/strings.js';
import { decodeCursor, type SortKey } from './cursor.js';
import { parseQuery, type Predicate } from './expression.js';
import { QUERY_COLUMNS, resolveField, type QueryField } from './fields.js';
import { resolveSort, type SortSpec } from './sort.js';

/** Rows a page holds when `limit` is absent (differs from Weave: there, no limit means every row). */
export const DEFAULT_QUERY_LIMIT = 1_000;
/** The schema's bounds, checked here again for callers that skip the schema (benchmarks). */
export const MAX_QUERY_LIMIT = 10_000;
export const MAX_QUERY_OFFSET = 1_000_000;

export interface CheckedQueryRequest {
  projectId: string;
  /** The keys of every result row, in order, repeats dropped; every column when none were asked. */
  fields: readonly QueryField[];
  /** `null`: every row of the project. */
  predicate: Predicate | null;
  sort: SortSpec;
  limit: number;
  offset: number;
  /** The sort key the page starts after (from `cursor`), or null for the start. */
  after: readonly SortKey[] | null;
}

function pageNumber(value: number | null | undefined, field: string, fallback: number, max: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalidRequest(`${field} must be a whole number from 0 to ${max.toLocaleString('en-US')}`);
  }
  return value;
}

/**
 * Checks a query request (after the schema) and resolves it. First failure wins: NUL/unpaired
 * surrogates anywhere (400), limit and offset, `fields` (unknown field: 400), `query` (unknown
 * operator or field, a shape Weave does not take, too deep or too large: 400), `sort_by`, then the
 * cursor (not ours, or of another sort_by: 400).
 */
export function checkQueryRequest(body: FeedbackQueryReq): CheckedQueryRequest {
  assertCleanStrings(body);
  const limit = pageNumber(body.limit, 'limit', DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT);
  const offset = pageNumber(body.offset, 'offset', 0, MAX_QUERY_OFFSET);
  const names: readonly string[] = body.fields !== null && body.fields !== undefined && body.fields.length > 0 ? [...new Set(body.fields)] : QUERY_COLUMNS;
  const fields = names.map((name, i) => resolveField(name, `fields[${i}]`));
  const predicate = parseQuery(body.query);
  const sort = resolveSort(body.sort_by);
  const after = body.cursor === null || body.cursor === undefined ? null : decodeCursor(sort, body.cursor);
  return { projectId: body.project_id, fields, predicate, sort, limit, offset, after };
}
