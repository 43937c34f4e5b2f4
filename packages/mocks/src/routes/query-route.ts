// POST /feedback/query after the shared pipeline, as the server's routes/query.ts and
// sql/feedback-query.ts: the project's rows that match, in the query's order (the shared
// comparator), after the cursor, offset, limit + 1 (the shared assembler tells from the extra row
// whether a next page exists).
import type { FeedbackQueryReq, FeedbackQueryRes } from '@feedback/api-types';
import {
  assembleQueryResponse,
  checkQueryRequest,
  compareSortKeys,
  matchesPredicate,
  outputsOf,
  sortKeysOf,
  type QueryPageRow,
  type QueryRowData,
  type SortKey,
} from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import type { StoredFeedback } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

function rowData(row: StoredFeedback): QueryRowData {
  return { createdAtMs: row.createdAtMs, values: { ...row.content, id: row.id } };
}

export function queryFeedback(body: FeedbackQueryReq, ctx: RouteContext): FeedbackQueryRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const q = checkQueryRequest(body);
  ctx.assertAvailable();
  const found: { data: QueryRowData; keys: SortKey[] }[] = [];
  for (const row of ctx.store.all()) {
    if (row.content.project_id !== q.projectId) continue;
    const data = rowData(row);
    if (q.predicate !== null && !matchesPredicate(q.predicate, data)) continue;
    const keys = sortKeysOf(q.sort, data);
    const after = q.after;
    if (after !== null && compareSortKeys(q.sort, keys, after) <= 0) continue;
    found.push({ data, keys });
  }
  found.sort((a, b) => compareSortKeys(q.sort, a.keys, b.keys));
  const page: QueryPageRow[] = found
    .slice(q.offset, q.offset + q.limit + 1)
    .map(({ data, keys }) => ({ outputs: outputsOf(q.fields, data), keys }));
  return assembleQueryResponse(q, page);
}
