import type { RequestHandler } from 'express';
import type { FeedbackAggregateBucket, FeedbackAggregateReq, FeedbackAggregateRes } from '@feedback/api-types';
import { assertAggregateAnswerRows, checkAggregateRequest } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { runAggregateQuery, toAggregateQuery, type AggregateRow } from '../sql/aggregate-query.js';
import { readTimedOut } from './read-timeout.js';

// The SQL returns each map with its keys in code-point order already (COLLATE "C"); JSON.parse
// keeps that order and defines own properties, so a tag named "__proto__" stays a key.
function mapOrEmpty<V>(m: Record<string, V> | null): Record<string, V> {
  return m ?? {};
}

export function aggregateRoute({ db }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackAggregateReq;
    assertProjectAccess(req.principal, body.project_id);
    const q = checkAggregateRequest(body);
    const rows = await runAggregateQuery(db, toAggregateQuery(q)).catch(readTimedOut);
    assertAggregateAnswerRows(rows.length);
    const toBucket = (row: AggregateRow): FeedbackAggregateBucket => ({
      time_bucket_start_ms: q.timeBucketSeconds === null ? null : row.bucket_ms,
      group: Object.fromEntries(q.groupBy.map((g, i) => [g, row.groups[i] ?? ''])),
      total_count: row.total_count,
      scored_count: row.scored_count,
      tag_counts: mapOrEmpty(row.tag_counts),
      rating_counts: mapOrEmpty(row.rating_counts),
      rating_sums: mapOrEmpty(row.rating_sums),
    });
    const buckets = rows.map(toBucket);
    // A bare total is exactly one row, even when nothing matched.
    if (buckets.length === 0 && q.timeBucketSeconds === null && q.groupBy.length === 0) {
      buckets.push({ time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} });
    }
    const out: FeedbackAggregateRes = {
      after_ms: q.afterMs,
      before_ms: q.beforeMs,
      time_bucket_seconds: q.timeBucketSeconds,
      buckets,
    };
    res.json(out);
  };
}
