// POST /feedback/create after the shared pipeline, as the server's routes/create.ts: 403, the
// shared rules, then the insert; a client id that exists already is a safe retry (200 with the
// stored row) when the content is the same, else a 409.
import type { FeedbackCreateReq, FeedbackCreateRes } from '@feedback/api-types';
import { assembleCreateResponse, checkCreateRequest, checkCreateRetry, uuidv7 } from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import { toPrepared, toStored } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

export function createFeedback(body: FeedbackCreateReq, ctx: RouteContext): FeedbackCreateRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const checked = checkCreateRequest(body, ctx.principal.userId);
  const createdAtMs = ctx.now();
  const id = checked.clientId ?? uuidv7(createdAtMs);
  ctx.assertAvailable();
  // The payload as the request gave it (reaction aliases added), as the server answers a new row.
  if (ctx.store.insert(toStored(checked, id, createdAtMs))) return assembleCreateResponse(id, createdAtMs, checked);
  const existing = checkCreateRetry(checked, id, ctx.store.find(checked.project_id, id), toPrepared);
  return assembleCreateResponse(id, existing.createdAtMs, existing.content);
}
