// /feedback/purge as one DELETE: by ids (the primary key) or by the filter's conditions (the
// (project_id, created_at) index serves a time range). Every value is bound; the count comes back
// as an int so both drivers return a JS number.
import type { CheckedPurgeRequest } from '@feedback/semantics';
import type { Queryable } from '../storage/db.js';
import { pgInstant } from './pg-instant.js';
import { boundParams, type SqlStatement } from './statement.js';

export function toPurgeStatement(request: CheckedPurgeRequest): SqlStatement {
  const { params, bind } = boundParams([request.projectId]);
  const conditions = ['project_id = $1::text'];
  if (request.kind === 'ids') {
    conditions.push(`id = ANY(${bind(request.ids, 'text[]')})`);
  } else {
    if (request.createdAfterMs !== null) conditions.push(`created_at >= ${bind(pgInstant(request.createdAfterMs), 'timestamptz')}`);
    if (request.createdBeforeMs !== null) conditions.push(`created_at < ${bind(pgInstant(request.createdBeforeMs), 'timestamptz')}`);
    if (request.feedbackType !== null) conditions.push(`feedback_type = ${bind(request.feedbackType, 'text')}`);
    if (request.wbUserId !== null) conditions.push(`wb_user_id = ${bind(request.wbUserId, 'text')}`);
  }
  const sql = `WITH gone AS (DELETE FROM feedback WHERE ${conditions.join(' AND ')} RETURNING 1) SELECT count(*)::int AS n FROM gone`;
  return { sql, params };
}

/** Runs the purge; returns the number of rows deleted. */
export async function purgeFeedback(db: Queryable, request: CheckedPurgeRequest): Promise<number> {
  const { sql, params } = toPurgeStatement(request);
  const res = await db.query<{ n: number }>(sql, params);
  return res.rows[0]?.n ?? 0;
}
