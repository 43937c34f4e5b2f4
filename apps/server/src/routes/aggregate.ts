import type { RequestHandler } from 'express';
import type { FeedbackAggregateReq } from '@feedback/api-types';
import { assembleAggregateResponse, checkAggregateRequest, type AggregateGroupCounts } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { runAggregateQuery, toAggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
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

export function aggregateRoute({ db }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackAggregateReq;
    assertProjectAccess(req.principal, body.project_id);
    const checked = checkAggregateRequest(body);
    const rows = await runAggregateQuery(db, toAggregateQuery(checked)).catch(readTimedOut('aggregate'));
    res.json(assembleAggregateResponse(checked, rows.map(toGroupCounts)));
  };
}
