// /feedback/replace as pure steps: the request checked completely (every create rule) before
// storage is touched, then what to do given the rows that exist, then the answer. The server runs
// the plan inside one transaction, the fake under its single thread, so a rejected replace loses
// nothing on either.
import type { FeedbackCreateReq, FeedbackReplaceReq, FeedbackReplaceRes } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { checkCreateRequest, sameFeedbackContent, type PreparedFeedback } from '../rules/create.js';
import { toUtcIso } from '../time/format-instant.js';
import { assertCleanStrings } from '../values/strings.js';

export interface CheckedReplaceRequest {
  projectId: string;
  /** The row to replace. */
  feedbackId: string;
  /** The new row's content, as create would store it; `clientId` is the new row's id when given. */
  prepared: PreparedFeedback;
}

/**
 * Checks a replace request for `callerUserId`: the body without `feedback_id` passes every create
 * rule in create's order (checkCreateRequest), then `feedback_id` holds only storable text (400).
 */
export function checkReplaceRequest(body: FeedbackReplaceReq, callerUserId: string): CheckedReplaceRequest {
  const { feedback_id: feedbackId, ...createBody } = body;
  const prepared = checkCreateRequest(createBody satisfies FeedbackCreateReq, callerUserId);
  assertCleanStrings(feedbackId, ['feedback_id']);
  return { projectId: body.project_id, feedbackId, prepared };
}

/** The rows a plan is made from, read by the caller (inside its transaction). */
export interface ReplaceState {
  /** The row `feedback_id` names, if it exists. */
  target: PreparedFeedback | undefined;
  /** The row holding the client id, when one is given and differs from `feedback_id`. */
  holder: PreparedFeedback | undefined;
}

export type ReplacePlan =
  /** Delete the target (it exists) and write the new row under `id`. */
  | { kind: 'write'; id: string }
  /**
   * The client id already holds exactly the new content: a retry of a replace that succeeded.
   * Nothing is written; the answer is the stored row. `deleteTarget` when `feedback_id` names
   * another row that still exists (it is deleted, as the first attempt did).
   */
  | { kind: 'unchanged'; id: string; deleteTarget: boolean };

export function notFoundError(projectId: string, feedbackId: string): ApiError {
  return new ApiError('not_found', `No feedback ${feedbackId} in project ${projectId}; nothing was replaced`);
}

/**
 * What a replace does, first answer wins:
 *  1. a client id whose row holds exactly the new content → `unchanged` (safe retry);
 *  2. `feedback_id` names no row → 404 (Weave would silently create the new row instead);
 *  3. a client id other than `feedback_id` held by a row with other content → 409;
 *  4. otherwise `write`: delete `feedback_id`, insert under the client id or `newId()`.
 */
export function planReplace(request: CheckedReplaceRequest, state: ReplaceState, newId: () => string): ReplacePlan {
  const { prepared, feedbackId, projectId } = request;
  const clientId = prepared.clientId;
  if (clientId !== null) {
    const atClientId = clientId === feedbackId ? state.target : state.holder;
    if (atClientId !== undefined && sameFeedbackContent(prepared, atClientId)) {
      return { kind: 'unchanged', id: clientId, deleteTarget: clientId !== feedbackId && state.target !== undefined };
    }
  }
  if (state.target === undefined) throw notFoundError(projectId, feedbackId);
  if (clientId !== null && clientId !== feedbackId && state.holder !== undefined) {
    throw new ApiError('conflict', `Feedback id ${clientId} already exists in ${projectId} with different content; nothing was replaced`);
  }
  return { kind: 'write', id: clientId ?? newId() };
}

/** The answer: the row now stored under the new id. */
export function assembleReplaceResponse(row: { id: string; createdAtMs: number; wbUserId: string; payload: Record<string, unknown> }): FeedbackReplaceRes {
  return { id: row.id, created_at: toUtcIso(row.createdAtMs), wb_user_id: row.wbUserId, payload: row.payload };
}
