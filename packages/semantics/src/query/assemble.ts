// Builds the /feedback/query response from the rows an engine found: the server (rows from SQL)
// and the in-memory fake (rows from JS) both call this, so key order, value formats, the size
// rule and the cursor are written once.
import type { FeedbackQueryRes } from '@feedback/api-types';
import { invalidRequest, type ApiError } from '../errors.js';
import { toUtcIso } from '../time/index.js';
import { utf8ByteLength } from '../values/strings.js';
import type { CheckedQueryRequest } from './check-request.js';
import { encodeCursor, type SortKey } from './cursor.js';

/** The most JSON text (UTF-8 bytes) the rows of one answer may hold. */
export const MAX_QUERY_ANSWER_BYTES = 16 * 1024 * 1024;

export function queryAnswerTooLarge(): ApiError {
  return invalidRequest(
    `The rows asked for hold more than ${MAX_QUERY_ANSWER_BYTES.toLocaleString('en-US')} bytes of JSON (16 MiB). ` +
      'Ask for fewer rows (a smaller limit, then page on with next_cursor) or fewer fields.',
  );
}

/** One row found: its value per output field (created_at as epoch ms) and its sort key. */
export interface QueryPageRow {
  outputs: readonly unknown[];
  keys: readonly SortKey[];
}

/**
 * `rows`: the rows after the page's start, in order, at most `limit + 1` (one more than the
 * page tells whether another page follows). A 400 when the page's rows exceed
 * MAX_QUERY_ANSWER_BYTES of JSON.
 */
export function assembleQueryResponse(q: CheckedQueryRequest, rows: readonly QueryPageRow[]): FeedbackQueryRes {
  const page = rows.slice(0, q.limit);
  let bytes = 0;
  const result = page.map((row) => {
    const entries = q.fields.map((f, i): [string, unknown] => {
      const value = row.outputs[i] ?? null;
      return [f.name, f.kind === 'time' && typeof value === 'number' ? toUtcIso(value) : value];
    });
    // Object.fromEntries defines own properties: a field named like a prototype key stays a key.
    const out = Object.fromEntries(entries) as Record<string, unknown>;
    bytes += utf8ByteLength(JSON.stringify(out));
    if (bytes > MAX_QUERY_ANSWER_BYTES) throw queryAnswerTooLarge();
    return out;
  });
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last !== undefined ? encodeCursor(q.sort, last.keys) : null;
  return { result, next_cursor: nextCursor };
}
