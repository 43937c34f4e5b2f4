// POST /feedback/purge after the shared pipeline, as the server's routes/purge.ts: 403, the shared
// rules, then every matching row of the project removed.
import type { FeedbackPurgeReq, FeedbackPurgeRes } from '@feedback/api-types';
import { assemblePurgeResponse, checkPurgeRequest, purgeMatches } from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import type { RouteContext } from './route-context.js';

export function purgeFeedback(body: FeedbackPurgeReq, ctx: RouteContext): FeedbackPurgeRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const request = checkPurgeRequest(body);
  ctx.assertAvailable();
  const n = ctx.store.deleteWhere(request.projectId, (row) =>
    purgeMatches(request, { id: row.id, createdAtMs: row.createdAtMs, feedbackType: row.content.feedback_type, wbUserId: row.content.wb_user_id }),
  );
  return assemblePurgeResponse(n);
}
