// The answer to a read query that runs past the statement timeout: 504 QueryTimeout without
// Retry-After, since the same query would time out again, and a reason saying how to ask for less
// of that endpoint. Only the read endpoints answer so. A statement timeout anywhere else (a
// create's insert, a key lookup, a rate-limit count) says the database is struggling, not that the
// request asks too much: it stays a 503 with Retry-After (isDatabaseUnavailable), and create has no
// 504 in the spec.
import { ApiError } from '@feedback/semantics';
import { isStatementTimeout } from '../storage/db-errors.js';

const HOW_TO_ASK_FOR_LESS = {
  stats: 'narrow the time window, use a coarser granularity, or ask for fewer metrics or percentiles',
  aggregate: 'narrow the time window, use larger time buckets, fewer group_by dimensions or more filters',
  query: 'filter on a time range or a column, sort by a column rather than a payload path, or page with the cursor instead of a large offset',
  payloadSchema: 'lower max_rows, or narrow the time window or the feedback_type',
} as const;

export type ReadEndpoint = keyof typeof HOW_TO_ASK_FOR_LESS;

export function readTimeoutReason(endpoint: ReadEndpoint): string {
  return `The query ran past the server's statement timeout and repeating it unchanged would time out again: ${HOW_TO_ASK_FOR_LESS[endpoint]}`;
}

/** For `.catch()` on a read query: a statement timeout becomes the 504, anything else passes. */
export function readTimedOut(endpoint: ReadEndpoint): (err: unknown) => never {
  return (err) => {
    if (isStatementTimeout(err)) throw new ApiError('query_timeout', readTimeoutReason(endpoint));
    throw err;
  };
}
