// POST /feedback/replace after the shared pipeline, as the server's routes/replace.ts: 403, every
// create rule on the new body, then the shared plan over the rows that exist. The fake runs on one
// thread, so the delete and the insert happen together or (on any refusal) not at all.
import type { FeedbackReplaceReq, FeedbackReplaceRes } from '@feedback/api-types';
import { assembleReplaceResponse, checkReplaceRequest, planReplace, uuidv7 } from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import { toPrepared, toStored, type StoredFeedback } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

function answerOf(row: StoredFeedback): FeedbackReplaceRes {
  return assembleReplaceResponse({ id: row.id, createdAtMs: row.createdAtMs, wbUserId: row.content.wb_user_id, payload: row.content.payload });
}

export function replaceFeedback(body: FeedbackReplaceReq, ctx: RouteContext): FeedbackReplaceRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const request = checkReplaceRequest(body, ctx.principal.userId);
  const { projectId, feedbackId, prepared } = request;
  const createdAtMs = ctx.now();
  ctx.assertAvailable();
  const target = ctx.store.find(projectId, feedbackId);
  const clientId = prepared.clientId;
  const holder = clientId !== null && clientId !== feedbackId ? ctx.store.find(projectId, clientId) : undefined;
  const plan = planReplace(
    request,
    { target: target === undefined ? undefined : toPrepared(target), holder: holder === undefined ? undefined : toPrepared(holder) },
    () => uuidv7(createdAtMs),
  );
  if (plan.kind === 'unchanged') {
    const stored = clientId === feedbackId ? target : holder;
    if (stored === undefined) throw new Error('replace plan: unchanged without a stored row');
    if (plan.deleteTarget) ctx.store.delete(projectId, feedbackId);
    return answerOf(stored);
  }
  const row = toStored(prepared, plan.id, createdAtMs);
  ctx.store.delete(projectId, feedbackId);
  ctx.store.insert(row);
  // The payload as the request gave it (reaction aliases added), as the server answers a new row.
  return assembleReplaceResponse({ id: plan.id, createdAtMs, wbUserId: prepared.wb_user_id, payload: prepared.payload });
}
