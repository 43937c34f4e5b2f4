import type { RequestHandler } from 'express';
import type { FeedbackCreateReq } from '@feedback/api-types';
import { assembleCreateResponse, checkCreateRequest, checkCreateRetry, uuidv7 } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { toInsertRow, toPrepared } from '../sql/feedback-row.js';
import { findFeedback } from '../sql/feedback-store.js';

export function createRoute({ db, now, inserts }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackCreateReq;
    const principal = assertProjectAccess(req.principal, body.project_id);
    const checked = checkCreateRequest(body, principal.userId);
    const createdAtMs = now();
    const id = checked.clientId ?? uuidv7(createdAtMs);
    // The insert commits before we answer: a 200 means the row is durable.
    if (await inserts.insert(toInsertRow(checked, id, createdAtMs))) {
      res.json(assembleCreateResponse(id, createdAtMs, checked));
      return;
    }
    // The client's id exists already: a retry of the same content is answered with the stored row.
    const existing = checkCreateRetry(checked, id, await findFeedback(db, checked.project_id, id), toPrepared);
    res.json(assembleCreateResponse(id, existing.created_at_ms, existing));
  };
}
