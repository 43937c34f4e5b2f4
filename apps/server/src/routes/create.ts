import type { RequestHandler } from 'express';
import type { FeedbackCreateReq, FeedbackCreateRes } from '@feedback/api-types';
import { ApiError, prepareCreate, sameFeedbackContent, toUtcIso, uuidv7 } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { toInsertRow, toPrepared } from '../sql/feedback-row.js';
import { findFeedback } from '../sql/feedback-store.js';

export function createRoute({ db, now, inserts }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackCreateReq;
    const principal = assertProjectAccess(req.principal, body.project_id);
    const prepared = prepareCreate(body, principal.userId);
    const createdAtMs = now();
    const id = prepared.clientId ?? uuidv7(createdAtMs);
    const row = toInsertRow(prepared, id, createdAtMs);
    // The insert commits before we answer: a 200 means the row is durable.
    if (await inserts.insert(row)) {
      const out: FeedbackCreateRes = { id, created_at: toUtcIso(createdAtMs), wb_user_id: row.wb_user_id, payload: row.payload };
      res.json(out);
      return;
    }
    // The client's id exists already: a retry of the same content is answered with the stored row.
    const existing = await findFeedback(db, body.project_id, id);
    if (existing === undefined) throw new ApiError('unavailable', 'The row could not be written; retry');
    if (!sameFeedbackContent(prepared, toPrepared(existing))) {
      throw new ApiError('conflict', `Feedback id ${id} already exists in ${body.project_id} with different content`);
    }
    const out: FeedbackCreateRes = { id, created_at: toUtcIso(existing.created_at_ms), wb_user_id: existing.wb_user_id, payload: existing.payload };
    res.json(out);
  };
}
