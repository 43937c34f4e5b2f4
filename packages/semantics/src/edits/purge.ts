// /feedback/purge as pure steps: which rows the request names (ids in Weave's query form, or our
// filter), whether a row is one of them (the fake's scan; the server says the same in SQL), and
// the answer.
import type { FeedbackPurgeReq, FeedbackPurgeRes, FeedbackPurgeWhere } from '@feedback/api-types';
import { invalidRequest, validationError } from '../errors.js';
import { parseDateTime } from '../time/parse-date-time.js';
import { MAX_JSON_DEPTH, assertCleanStrings, assertMaxDepth } from '../values/strings.js';

/** Weave's own refusal (MESSAGE_INVALID_FEEDBACK_PURGE), for every query that is not ids. */
export const PURGE_IDS_ONLY = 'Can only purge feedback by specifying one or more feedback ids';
/** The most ids one purge may name; the schema bounds `$or` to the same number. */
export const MAX_PURGE_IDS = 1000;

export type CheckedPurgeRequest =
  | { projectId: string; kind: 'ids'; /** Distinct, in request order. */ ids: string[] }
  | {
      projectId: string;
      kind: 'filter';
      /** Inclusive, epoch ms. */
      createdAfterMs: number | null;
      /** Exclusive, epoch ms. */
      createdBeforeMs: number | null;
      feedbackType: string | null;
      wbUserId: string | null;
    };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The one value of an object with exactly the key `key`, else undefined. */
function onlyKey(v: unknown, key: string): unknown {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === key ? v[key] : undefined;
}

/** `{"$eq": [{"$getField": "id"}, {"$literal": "<id>"}]}` → the id, in exactly that order, as Weave. */
function idOfEquality(expr: unknown): string {
  const operands = onlyKey(expr, '$eq');
  if (!Array.isArray(operands) || operands.length !== 2) throw invalidRequest(PURGE_IDS_ONLY);
  const [field, literal] = operands as [unknown, unknown];
  const id = onlyKey(literal, '$literal');
  if (onlyKey(field, '$getField') !== 'id' || typeof id !== 'string') throw invalidRequest(PURGE_IDS_ONLY);
  return id;
}

/** The ids of Weave's purge query: one `$eq` on `id`, or an `$or` of them (at least one). */
export function purgeIdsOf(query: NonNullable<FeedbackPurgeReq['query']>): string[] {
  const expr: unknown = query.$expr;
  if (!isObject(expr) || Object.keys(expr).length !== 1) throw invalidRequest(PURGE_IDS_ONLY);
  let ids: string[];
  if ('$eq' in expr) ids = [idOfEquality(expr)];
  else if ('$or' in expr && Array.isArray(expr['$or']) && expr['$or'].length > 0) ids = (expr['$or'] as unknown[]).map(idOfEquality);
  else throw invalidRequest(PURGE_IDS_ONLY);
  if (ids.length > MAX_PURGE_IDS) throw invalidRequest(`A purge names at most ${MAX_PURGE_IDS} ids; send several.`);
  return [...new Set(ids)];
}

const DATE_TIME_MESSAGE = 'Input should be a valid RFC 3339 date-time with a time zone offset, in years 0000–9999';

function instantOf(field: 'created_after' | 'created_before', value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = parseDateTime(value);
  if (ms === null) throw validationError(['where', field], DATE_TIME_MESSAGE, 'datetime_parsing');
  return ms;
}

function filterOf(projectId: string, where: FeedbackPurgeWhere): CheckedPurgeRequest {
  const createdAfterMs = instantOf('created_after', where.created_after);
  const createdBeforeMs = instantOf('created_before', where.created_before);
  const feedbackType = where.feedback_type ?? null;
  const wbUserId = where.wb_user_id ?? null;
  if (createdAfterMs === null && createdBeforeMs === null && feedbackType === null && wbUserId === null) {
    throw validationError(['where'], 'where needs at least one condition: created_after, created_before, feedback_type or wb_user_id', 'too_short');
  }
  if (createdAfterMs !== null && createdBeforeMs !== null && createdBeforeMs <= createdAfterMs) {
    throw validationError(['where', 'created_before'], 'created_before must be after created_after');
  }
  return { projectId, kind: 'filter', createdAfterMs, createdBeforeMs, feedbackType, wbUserId };
}

/**
 * Checks a purge request (after the schema). First failure wins: nesting deeper than 64 (400),
 * NUL/unpaired surrogates (400), neither or both of `query` and `where` (422), then Weave's rule
 * on `query` (400: ids only) or the filter's (422: a date-time, at least one condition, a
 * non-empty time range).
 */
export function checkPurgeRequest(body: FeedbackPurgeReq): CheckedPurgeRequest {
  assertMaxDepth(body, MAX_JSON_DEPTH);
  assertCleanStrings(body);
  const { query, where } = body;
  if (query === undefined && where === undefined) throw validationError(['query'], 'Field required: query (ids) or where (a filter)', 'missing');
  if (query !== undefined && where !== undefined) {
    throw validationError(['where'], 'Give either query (ids) or where (a filter), not both', 'extra_forbidden');
  }
  if (query !== undefined) return { projectId: body.project_id, kind: 'ids', ids: purgeIdsOf(query) };
  return filterOf(body.project_id, where as FeedbackPurgeWhere);
}

/** The columns a purge looks at. */
export interface PurgeCandidate {
  id: string;
  createdAtMs: number;
  feedbackType: string;
  wbUserId: string;
}

/** Whether a row of the request's project is purged (the project itself is matched by the caller). */
export function purgeMatches(request: CheckedPurgeRequest, row: PurgeCandidate): boolean {
  if (request.kind === 'ids') return request.ids.includes(row.id);
  return (
    (request.createdAfterMs === null || row.createdAtMs >= request.createdAfterMs) &&
    (request.createdBeforeMs === null || row.createdAtMs < request.createdBeforeMs) &&
    (request.feedbackType === null || row.feedbackType === request.feedbackType) &&
    (request.wbUserId === null || row.wbUserId === request.wbUserId)
  );
}

export function assemblePurgeResponse(numDeleted: number): FeedbackPurgeRes {
  return { num_deleted: numDeleted };
}
