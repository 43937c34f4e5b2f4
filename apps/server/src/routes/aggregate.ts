import type { RequestHandler } from 'express';
import type { FeedbackAggregateReq, FeedbackAggregateRes } from '@feedback/api-types';
import { assembleAggregateResponse, checkAggregateRequest, type AggregateGroupCounts, type CheckedAggregateRequest } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { readAggregateRows } from '../rollups/read-aggregate.js';
import type { ReadPath } from '../rollups/read-stats.js';
import { toAggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
import type { Db } from '../storage/db.js';
import { readTimedOut } from './read-timeout.js';

// The SQL returns the rows in answer order and each map with its keys in code-point order already
// (COLLATE "C"); JSON.parse keeps that order and defines own properties, so a tag named
// "__proto__" stays a key.
function toGroupCounts(row: AggregateRow): AggregateGroupCounts {
  return {
    bucketMs: row.bucket_ms,
    groups: row.groups,
    totalCount: row.total_count,
    scoredCount: row.scored_count,
    tagCounts: row.tag_counts,
    ratingCounts: row.rating_counts,
    ratingSums: row.rating_sums,
  };
}

/** The answer to a checked aggregate request (`path: 'raw'` never reads the roll-ups). */
export async function aggregateAnswer(db: Db, checked: CheckedAggregateRequest, path: ReadPath): Promise<FeedbackAggregateRes> {
  const rows = await readAggregateRows(db, toAggregateQuery(checked), path);
  return assembleAggregateResponse(checked, rows.map(toGroupCounts));
}

export function aggregateRoute({ db, rollups }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackAggregateReq;
    assertProjectAccess(req.principal, body.project_id);
    const checked = checkAggregateRequest(body);
    res.json(await aggregateAnswer(db, checked, rollups ? 'auto' : 'raw').catch(readTimedOut('aggregate')));
  };
}
