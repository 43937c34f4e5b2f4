// /feedback/create (§1) as pure steps around the engine's insert: the request and the caller in,
// the row content out, or the ApiError of the first broken rule (checkCreateRequest); the retry
// of an id that exists already (checkCreateRetry); the answer (assembleCreateResponse). No id is
// generated and nothing is read here, so the server and the fake both call these around storage.
import type { FeedbackCreateReq, FeedbackCreateRes, SpanStatusCode } from '@feedback/api-types';
import { ApiError, invalidRequest, validationError } from '../errors.js';
import { toUtcIso } from '../time/format-instant.js';
import { canonicalJson } from '../values/canonical-json.js';
import { assertFiniteNumbers } from '../values/finite-numbers.js';
import { MAX_JSON_DEPTH, assertCleanStrings, assertMaxDepth, utf8ByteLength } from '../values/strings.js';
import {
  AGENT_MONITOR_TYPE,
  AGENT_USER_FEEDBACK_TYPE,
  checkTypeFamily,
  isRunnableType,
  type FeedbackRefs,
} from './create-family.js';
import { assertProjectId } from './project.js';
import { describeReaction } from './reaction.js';
import { parseWeaveRef, refSegment } from './refs.js';

export const MAX_PAYLOAD_BYTES = 1_048_576;
export const MAX_NOTE_CHARS = 1024;
export const MAX_CLIENT_ID_CHARS = 128;
export const NOTE_TYPE = 'wandb.note.1';
export const REACTION_TYPE = 'wandb.reaction.1';

const SPAN_STATUS_CODES: readonly SpanStatusCode[] = ['UNSET', 'OK', 'ERROR'];

/** The content of a feedback row, before the server adds `id` and `created_at`. */
export interface PreparedFeedback extends FeedbackRefs {
  /** The client's `id`, or `null` when the server must generate one. */
  clientId: string | null;
  project_id: string;
  weave_ref: string;
  feedback_type: string;
  /** As stored: for reactions with `alias`, `detoned` and `detoned_alias` added. */
  payload: Record<string, unknown>;
  creator: string | null;
  queue_id: string | null;
  scorer_tags: string[];
  scorer_tag_reasons: Record<string, string>;
  scorer_tag_confidences: Record<string, number>;
  scorer_ratings: Record<string, number>;
  scorer_rating_reasons: Record<string, string>;
  scorer_rating_confidences: Record<string, number>;
  wb_user_id: string;
  span_agent_name: string;
  span_agent_version: string;
  span_status_code: SpanStatusCode;
  span_conversation_id: string;
  span_trace_id: string;
  scorer_trace_id: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function assertPayloadSize(payload: Record<string, unknown>): void {
  const bytes = utf8ByteLength(JSON.stringify(payload));
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new ApiError(
      'payload_too_large',
      `payload is ${bytes} bytes as JSON; the limit is ${MAX_PAYLOAD_BYTES} bytes (1 MiB).`,
    );
  }
}

function clientIdOf(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  if (typeof id !== 'string' || id === '' || [...id].length > MAX_CLIENT_ID_CHARS || /\s/u.test(id)) {
    throw invalidRequest(`id must be a non-empty string of at most ${MAX_CLIENT_ID_CHARS} characters without whitespace.`);
  }
  return id;
}

function emptyToNull(ref: string | null | undefined): string | null {
  return ref === undefined || ref === '' ? null : ref;
}

function checkUnitInterval(field: string, values: Record<string, number>): void {
  for (const [key, v] of Object.entries(values)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw invalidRequest(`${field}[${JSON.stringify(key)}] must be a finite number from 0 to 1, got ${String(v)}.`);
    }
  }
}

/** Scorer columns are for scorer-made feedback only; their numbers are probabilities. */
function checkScorerFields(row: PreparedFeedback): void {
  const anySet =
    row.scorer_tags.length > 0 ||
    [row.scorer_tag_reasons, row.scorer_tag_confidences, row.scorer_ratings, row.scorer_rating_reasons, row.scorer_rating_confidences].some(
      (m) => Object.keys(m).length > 0,
    );
  const type = row.feedback_type;
  const allowed = isRunnableType(type) || type === AGENT_MONITOR_TYPE || type === AGENT_USER_FEEDBACK_TYPE;
  if (anySet && !allowed) {
    throw invalidRequest(
      `scorer_tags, scorer_tag_reasons, scorer_tag_confidences, scorer_ratings, scorer_rating_reasons and scorer_rating_confidences are only allowed on wandb.runnable.<name>, ${AGENT_MONITOR_TYPE} and ${AGENT_USER_FEEDBACK_TYPE} feedback.`,
    );
  }
  if (type === AGENT_USER_FEEDBACK_TYPE && row.scorer_tags.length === 0) {
    throw invalidRequest(`scorer_tags must not be empty for ${AGENT_USER_FEEDBACK_TYPE} feedback.`);
  }
  checkUnitInterval('scorer_ratings', row.scorer_ratings);
  checkUnitInterval('scorer_tag_confidences', row.scorer_tag_confidences);
  checkUnitInterval('scorer_rating_confidences', row.scorer_rating_confidences);
}

/** `wandb.note.1` and `wandb.reaction.1` payloads; returns the payload to store. */
function checkedPayload(feedbackType: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (feedbackType === NOTE_TYPE) {
    const note = payload['note'];
    if (typeof note !== 'string' || note.length === 0 || [...note].length > MAX_NOTE_CHARS) {
      throw invalidRequest(`payload.note must be a string of 1 to ${MAX_NOTE_CHARS} characters for ${NOTE_TYPE} feedback.`);
    }
  }
  if (feedbackType !== REACTION_TYPE) return payload;
  const { alias, detoned, detoned_alias } = describeReaction(payload['emoji']);
  const stored = { ...payload, alias, detoned, detoned_alias };
  assertPayloadSize(stored);
  return stored;
}

/** For agent feedback on `…/agent_conversation/<id>` or `…/agent_turn/<id>`, the ids the ref gives. */
function fillSpanIds(row: PreparedFeedback): void {
  if (row.feedback_type !== AGENT_MONITOR_TYPE && row.feedback_type !== AGENT_USER_FEEDBACK_TYPE) return;
  const ref = parseWeaveRef(row.weave_ref);
  if (ref === null || ref.rest.length > 0) return;
  if (ref.kind === 'agent_conversation' && row.span_conversation_id === '') row.span_conversation_id = refSegment(ref);
  if (ref.kind === 'agent_turn' && row.span_trace_id === '') row.span_trace_id = refSegment(ref);
}

/**
 * Checks a create request for `callerUserId` and returns the row content. Rules in order, the
 * first failure wins:
 *  1. `project_id` pattern (422); `payload` a JSON object (422); `span_status_code` (422).
 *  2. the whole body nests at most 64 levels (400) — before anything serializes it;
 *  3. `payload` at most 1 MiB as UTF-8 JSON (413);
 *  4. no NUL or unpaired surrogate in any key or string of the body (400); every payload number a
 *     finite 64-bit float (400: JSON.parse reads `1e400` as Infinity, which would be stored as null);
 *  5. `wb_user_id`, when set, equals the caller (400); client `id` well-formed (400);
 *  6. the type families and their refs (400, see checkTypeFamily);
 *  7. scorer columns (400); 8. note / reaction payloads (400; 413 if aliases overflow 1 MiB);
 * then span ids are filled from agent weave_refs. Empty-string refs are stored as `null`.
 */
export function checkCreateRequest(body: FeedbackCreateReq, callerUserId: string): PreparedFeedback {
  assertProjectId(body.project_id);
  if (!isPlainObject(body.payload)) throw validationError(['payload'], 'Input should be a valid dictionary', 'dict_type');
  const status = body.span_status_code ?? 'UNSET';
  if (!SPAN_STATUS_CODES.includes(status)) {
    throw validationError(['span_status_code'], "Input should be 'UNSET', 'OK' or 'ERROR'", 'enum');
  }
  assertMaxDepth(body, MAX_JSON_DEPTH);
  assertPayloadSize(body.payload);
  assertCleanStrings(body);
  // The scorer maps, the body's only other numbers, are checked with their [0, 1] rule below.
  assertFiniteNumbers(body.payload, ['payload']);
  if (body.wb_user_id !== undefined && body.wb_user_id !== null && body.wb_user_id !== callerUserId) {
    throw invalidRequest("wb_user_id is set by the server from the API key; omit it or send the caller's own user id.");
  }
  const clientId = clientIdOf(body.id);
  const refs: FeedbackRefs = {
    annotation_ref: emptyToNull(body.annotation_ref),
    runnable_ref: emptyToNull(body.runnable_ref),
    call_ref: emptyToNull(body.call_ref),
    trigger_ref: emptyToNull(body.trigger_ref),
  };
  checkTypeFamily(body.project_id, body.feedback_type, refs, body.payload);

  const row: PreparedFeedback = {
    clientId,
    project_id: body.project_id,
    weave_ref: body.weave_ref,
    feedback_type: body.feedback_type,
    payload: body.payload,
    creator: body.creator ?? null,
    ...refs,
    queue_id: body.queue_id ?? null,
    scorer_tags: [...(body.scorer_tags ?? [])],
    scorer_tag_reasons: { ...body.scorer_tag_reasons },
    scorer_tag_confidences: { ...body.scorer_tag_confidences },
    scorer_ratings: { ...body.scorer_ratings },
    scorer_rating_reasons: { ...body.scorer_rating_reasons },
    scorer_rating_confidences: { ...body.scorer_rating_confidences },
    wb_user_id: callerUserId,
    span_agent_name: body.span_agent_name ?? '',
    span_agent_version: body.span_agent_version ?? '',
    span_status_code: status,
    span_conversation_id: body.span_conversation_id ?? '',
    span_trace_id: body.span_trace_id ?? '',
    scorer_trace_id: body.scorer_trace_id ?? '',
  };
  checkScorerFields(row);
  row.payload = checkedPayload(row.feedback_type, row.payload);
  fillSpanIds(row);
  return row;
}

/** Whether two prepared rows hold the same content (key order and `clientId` ignored). */
export function sameFeedbackContent(a: PreparedFeedback, b: PreparedFeedback): boolean {
  return canonicalJson({ ...a, clientId: null }) === canonicalJson({ ...b, clientId: null });
}

/**
 * A create whose id exists already (the insert wrote nothing): the same content is a safe retry,
 * answered with the stored row, which this returns; other content is a 409. No stored row (it was
 * deleted between the insert and the read) is a 503: retry.
 */
export function checkCreateRetry<Stored>(
  checked: PreparedFeedback,
  id: string,
  stored: Stored | undefined,
  contentOf: (row: Stored) => PreparedFeedback,
): Stored {
  if (stored === undefined) throw new ApiError('unavailable', 'The row could not be written; retry');
  if (!sameFeedbackContent(checked, contentOf(stored))) {
    throw new ApiError('conflict', `Feedback id ${id} already exists in ${checked.project_id} with different content`);
  }
  return stored;
}

/** The answer to a create: the row's id, creation time, and the user and payload as stored. */
export function assembleCreateResponse(
  id: string,
  createdAtMs: number,
  content: Pick<PreparedFeedback, 'wb_user_id' | 'payload'>,
): FeedbackCreateRes {
  return { id, created_at: toUtcIso(createdAtMs), wb_user_id: content.wb_user_id, payload: content.payload };
}
