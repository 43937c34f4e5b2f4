// POST /feedback/batch/create: the shared rules check every item (checkCreateBatchRequest), one
// transaction writes the batch (sql/create-batch-store.ts), at most a few batches at a time per
// process (sql/batch-write-gate.ts). A 200 means every row answered is durably committed.
import type { RequestHandler } from 'express';
import type { FeedbackCreateBatchReq } from '@feedback/api-types';
import { ApiError, checkCreateBatchRequest, uuidv7 } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { createBatchWriteGate } from '../sql/batch-write-gate.js';
import { batchRowsJson, writeCreateBatch } from '../sql/create-batch-store.js';
import type { CreateQueueLimits } from '../sql/insert-batcher.js';

/** Batch transactions in flight per process: as many as the create group insert's statements. */
export const BATCH_WRITES_IN_FLIGHT = 4;

export function createBatchRoute({ db, now, rollups }: RouteDeps, queue: CreateQueueLimits): RequestHandler {
  // Batches waiting for a slot are bounded by the same bytes as the creates waiting for theirs.
  const gate = createBatchWriteGate({ maxInFlight: BATCH_WRITES_IN_FLIGHT, maxWaitingChars: queue.maxQueuedChars });
  return async (req, res) => {
    const principal = req.principal;
    if (principal === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials');
    const checked = checkCreateBatchRequest(req.body as FeedbackCreateBatchReq, principal, now(), uuidv7);
    const rowsJson = batchRowsJson(checked, rollups);
    res.json(await gate.run(rowsJson.rows.length, () => writeCreateBatch(db, checked, rowsJson)));
  };
}
