// POST /feedback/create after the shared pipeline, as the server's routes/create.ts: 403, the
// shared rules, then the insert; a client id that exists already is a safe retry (200 with the
// stored row) when the content is the same, else a 409.
import type { FeedbackCreateReq, FeedbackCreateRes } from '@feedback/api-types';
import { ApiError, prepareCreate, sameFeedbackContent, toUtcIso, uuidv7 } from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import { toPrepared, toStored } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

export function createFeedback(body: FeedbackCreateReq, ctx: RouteContext): FeedbackCreateRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const prepared = prepareCreate(body, ctx.principal.userId);
  const createdAtMs = ctx.now();
  const id = prepared.clientId ?? uuidv7(createdAtMs);
  ctx.assertAvailable();
  const row = toStored(prepared, id, createdAtMs);
  if (ctx.store.insert(row)) {
    // The payload as the request gave it (reaction aliases added), as the server answers a new row.
    return { id, created_at: toUtcIso(createdAtMs), wb_user_id: prepared.wb_user_id, payload: prepared.payload };
  }
  const existing = ctx.store.find(body.project_id, id);
  if (existing === undefined) throw new ApiError('unavailable', 'The row could not be written; retry');
  if (!sameFeedbackContent(prepared, toPrepared(existing))) {
    throw new ApiError('conflict', `Feedback id ${id} already exists in ${body.project_id} with different content`);
  }
  return { id, created_at: toUtcIso(existing.createdAtMs), wb_user_id: existing.content.wb_user_id, payload: existing.content.payload };
}
