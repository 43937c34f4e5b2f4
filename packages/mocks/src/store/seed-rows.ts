// Seed rows, checked like the lines of the server's `feedback-server import`: the created_at and
// wb_user_id fields, the create schema, then checkCreateRequest for that user. A bad row is a
// programming error in the test that passed it, so it throws at once, naming the row.
import type { FeedbackCreateReq } from '@feedback/api-types';
import { isApiError, checkCreateRequest, uuidv7 } from '@feedback/semantics';
import type { FeedbackSeedRow } from '../fake-options.js';
import { assertMatchesSchema } from '../http/schema-validator.js';
import { toStored, type StoredFeedback } from './stored-feedback.js';

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function reasonOf(err: unknown): string {
  if (isApiError(err)) {
    const detail = err.detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; ');
    return detail.length > 0 ? detail : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function parseSeedRow(row: FeedbackSeedRow): StoredFeedback {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new Error('a row must be an object');
  // As a line of JSON: a private copy (the schema check fills defaults in), undefined members dropped.
  const parsed = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
  const { created_at: createdAt, wb_user_id: userId, ...body } = parsed;
  if (typeof createdAt !== 'string' || !CREATED_AT.test(createdAt)) {
    throw new Error('created_at must be an ISO 8601 date-time with an offset');
  }
  const createdAtMs = Date.parse(createdAt);
  if (!Number.isFinite(createdAtMs)) throw new Error('created_at is not a valid instant');
  if (typeof userId !== 'string' || userId.length === 0) throw new Error('wb_user_id must be a non-empty string');
  assertMatchesSchema('FeedbackCreateReq', body);
  const prepared = checkCreateRequest(body as unknown as FeedbackCreateReq, userId);
  return toStored(prepared, prepared.clientId ?? uuidv7(createdAtMs), createdAtMs);
}

/** The rows to store, in order; throws an Error naming the first bad one. */
export function parseSeedRows(rows: readonly FeedbackSeedRow[], label = 'rows'): StoredFeedback[] {
  return rows.map((row, i) => {
    try {
      return parseSeedRow(row);
    } catch (err) {
      throw new Error(`createFeedbackFake: ${label}[${i}] was refused: ${reasonOf(err)}`, { cause: err });
    }
  });
}
