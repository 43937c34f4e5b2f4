// The answer to a stats or aggregate query that runs past the statement timeout: 504 QueryTimeout
// without Retry-After, since the same query would time out again, and a reason saying how to ask
// for less. Only these two queries answer so. A statement timeout anywhere else (a create's insert,
// a key lookup, a rate-limit count) says the database is struggling, not that the request asks too
// much: it stays a 503 with Retry-After (isDatabaseUnavailable), and create has no 504 in the spec.
import { ApiError } from '@feedback/semantics';
import { isStatementTimeout } from '../storage/db-errors.js';

export const READ_TIMEOUT_REASON =
  "The query ran past the server's statement timeout and repeating it unchanged would time out again: " +
  'narrow the time window, use a coarser granularity, or ask for fewer metrics, percentiles or groups';

/** For `.catch()` on a read query: a statement timeout becomes the 504, anything else passes. */
export function readTimedOut(err: unknown): never {
  if (isStatementTimeout(err)) throw new ApiError('query_timeout', READ_TIMEOUT_REASON);
  throw err;
}
