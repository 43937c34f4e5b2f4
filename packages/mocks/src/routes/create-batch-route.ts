// POST /feedback/batch/create after the shared pipeline, as the server's routes/create-batch.ts:
// the shared rules check every item, then storage. The store has no transactions, so the answer
// is assembled from what the store holds *before* anything is inserted — an atomic batch that
// meets a conflict throws first and writes nothing — and only then are the new rows inserted.
import type { FeedbackCreateBatchReq, FeedbackCreateBatchRes } from '@feedback/api-types';
import { assembleCreateBatchResponse, checkCreateBatchRequest, uuidv7, type BatchWrite } from '@feedback/semantics';
import { toPrepared, toStored } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

export function createFeedbackBatch(body: FeedbackCreateBatchReq, ctx: RouteContext): FeedbackCreateBatchRes {
  const checked = checkCreateBatchRequest(body, ctx.principal, ctx.now(), uuidv7);
  ctx.assertAvailable();
  const fresh: BatchWrite[] = [];
  const res = assembleCreateBatchResponse(checked, (write) => {
    const existing = ctx.store.find(write.prepared.project_id, write.id);
    if (existing === undefined) {
      fresh.push(write);
      return { inserted: true };
    }
    return { inserted: false, stored: { prepared: toPrepared(existing), createdAtMs: existing.createdAtMs } };
  });
  for (const write of fresh) ctx.store.insert(toStored(write.prepared, write.id, write.createdAtMs));
  return res;
}
