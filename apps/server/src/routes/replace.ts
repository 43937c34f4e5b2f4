// POST /feedback/replace: the new body passes every create rule before anything is read or
// deleted; then, in one transaction, the rows involved are locked, the shared plan decides, and the
// old row is deleted and the new one inserted (with its roll-up deltas), and the roll-ups of the
// old row's cell recomputed. Any failure inside rolls all back: a rejected or interrupted replace
// leaves the original row in place.
import type { RequestHandler } from 'express';
import type { FeedbackReplaceReq, FeedbackReplaceRes } from '@feedback/api-types';
import { ApiError, assembleReplaceResponse, checkReplaceRequest, planReplace, uuidv7 } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { deleteFeedback, type DeletedRow } from '../sql/delete-feedback.js';
import { toInsertRow, toPrepared, type StoredFeedback } from '../sql/feedback-row.js';
import { insertFeedback } from '../sql/feedback-store.js';
import { lockFeedback } from '../sql/lock-feedback.js';
import { quarterStartMs, recomputeRollupCells } from '../rollups/rebuild.js';
import type { Queryable } from '../storage/db.js';

function answerOf(row: StoredFeedback): FeedbackReplaceRes {
  return assembleReplaceResponse({ id: row.id, createdAtMs: row.created_at_ms, wbUserId: row.wb_user_id, payload: row.payload });
}

/** When the deleted row was rolled up: its cell's roll-ups recomputed (after this transaction's insert, if any). */
async function recomputeFor(tx: Queryable, projectId: string, gone: DeletedRow | undefined): Promise<void> {
  if (gone?.rolledUp === true) await recomputeRollupCells(tx, projectId, [quarterStartMs(gone.createdAtMs)]);
}

export function replaceRoute({ db, now, rollups }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackReplaceReq;
    const principal = assertProjectAccess(req.principal, body.project_id);
    const request = checkReplaceRequest(body, principal.userId);
    const { projectId, feedbackId, prepared } = request;
    const createdAtMs = now();
    const out = await db.transaction(async (tx): Promise<FeedbackReplaceRes> => {
      const target = await lockFeedback(tx, projectId, feedbackId);
      const clientId = prepared.clientId;
      const holder = clientId !== null && clientId !== feedbackId ? await lockFeedback(tx, projectId, clientId) : undefined;
      const plan = planReplace(
        request,
        { target: target === undefined ? undefined : toPrepared(target), holder: holder === undefined ? undefined : toPrepared(holder) },
        () => uuidv7(createdAtMs),
      );
      if (plan.kind === 'unchanged') {
        const stored = clientId === feedbackId ? target : holder;
        if (stored === undefined) throw new Error('replace plan: unchanged without a stored row');
        if (plan.deleteTarget) await recomputeFor(tx, projectId, await deleteFeedback(tx, projectId, feedbackId));
        return answerOf(stored);
      }
      const gone = await deleteFeedback(tx, projectId, feedbackId);
      const row = toInsertRow(prepared, plan.id, createdAtMs);
      // Another request inserted this id after our look (no row, no lock): undo and let the
      // client retry, which then sees that row (200 if it is this content, else 409).
      if ((await insertFeedback(tx, [row], { rollups })).size === 0) throw new ApiError('unavailable', `Feedback id ${plan.id} was written by another request meanwhile; retry`);
      await recomputeFor(tx, projectId, gone);
      return assembleReplaceResponse({ id: plan.id, createdAtMs, wbUserId: row.wb_user_id, payload: row.payload });
    });
    res.json(out);
  };
}
