// /feedback/purge as one DELETE: by ids (the primary key) or by the filter's conditions (the
// (project_id, created_at) index serves a time range). Every value is bound; the count comes back
// as an int so both drivers return a JS number, with the 15-minute cells the deleted rolled-up
// rows were in (their roll-ups are then recomputed: src/rollups/rebuild.ts).
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
  const sql = `
    WITH gone AS (DELETE FROM feedback WHERE ${conditions.join(' AND ')} RETURNING created_at, rolled_up)
    SELECT count(*)::int AS n,
           coalesce(array_agg(DISTINCT (extract(epoch FROM date_bin('900 seconds', created_at, timestamptz 'epoch')) * 1000)::float8)
                      FILTER (WHERE rolled_up), '{}') AS quarters
    FROM gone`;
  return { sql, params };
}

export interface PurgeResult {
  deleted: number;
  /** Epoch ms of the 15-minute cells that lost rolled-up rows. */
  rolledUpQuarters: number[];
}

/** Runs the purge (the caller recomputes the roll-ups of `rolledUpQuarters` in the same transaction). */
export async function purgeFeedback(db: Queryable, request: CheckedPurgeRequest): Promise<PurgeResult> {
  const { sql, params } = toPurgeStatement(request);
  const res = await db.query<{ n: number; quarters: number[] }>(sql, params);
  const row = res.rows[0];
  return { deleted: row?.n ?? 0, rolledUpQuarters: row?.quarters ?? [] };
}
