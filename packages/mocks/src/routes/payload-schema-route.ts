// POST /feedback/payload_schema after the shared pipeline, as the server's
// routes/payload-schema.ts and sql/payload-schema-query.ts: the newest matching rows (created_at
// descending, ties by id in code-point order), at most max_rows of them, walked by the shared
// tallyPayloadPaths.
import type { FeedbackPayloadSchemaReq, FeedbackPayloadSchemaRes } from '@feedback/api-types';
import {
  assemblePayloadSchemaResponse,
  checkPayloadSchemaRequest,
  compareCodePoints,
  emptyPayloadPathTally,
  pathTypeCounts,
  tallyPayloadPaths,
} from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import type { StoredFeedback } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

function newestFirst(a: StoredFeedback, b: StoredFeedback): number {
  return b.createdAtMs - a.createdAtMs || compareCodePoints(b.id, a.id);
}

export function payloadSchema(body: FeedbackPayloadSchemaReq, ctx: RouteContext): FeedbackPayloadSchemaRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const q = checkPayloadSchemaRequest(body);
  ctx.assertAvailable();
  const matching: StoredFeedback[] = [];
  for (const row of ctx.store.inWindow(q.projectId, q.startMs ?? -Infinity, q.endMs ?? Infinity)) {
    if (q.feedbackType === null || row.content.feedback_type === q.feedbackType) matching.push(row);
  }
  const examined = matching.sort(newestFirst).slice(0, q.maxRows);
  const tally = emptyPayloadPathTally();
  for (const row of examined) tallyPayloadPaths(tally, row.content.payload);
  const oldest = examined[examined.length - 1];
  return assemblePayloadSchemaResponse({
    maxRows: q.maxRows,
    rowsMatched: Math.min(matching.length, q.maxRows + 1),
    oldestExaminedMs: oldest === undefined ? null : oldest.createdAtMs,
    skippedKeys: tally.skippedKeys,
    counts: pathTypeCounts(tally),
  });
}
