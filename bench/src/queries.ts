// The four query benchmarks: each as the SDK request the server answers, and as the parameters
// the direct, obvious and floor variants share (one project, one time range).
import type { FeedbackAggregateReq, FeedbackStatsReq } from '@feedback/sdk';
import { checkAggregateRequest, checkStatsRequest } from '@feedback/semantics';
import { toAggregateQuery, toStatsQuery, type AggregateQuery, type StatsQuery } from '@feedback/server';
import { projectId, WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';

/** The project every query reads (one of ten, so ~1/10 of the table). */
export const QUERY_PROJECT = projectId(3);
export const STATS_TIME_ZONE = 'America/New_York';
/** Auto granularity for a 31-day range (> 14 days → one day). */
export const STATS_GRANULARITY = 86_400;
const HOUR_MS = 3_600_000;
/** Seven days in the middle of the window, across the DST change. */
export const AGGREGATE_AFTER_MS = Date.UTC(2024, 2, 7);
export const AGGREGATE_BEFORE_MS = AGGREGATE_AFTER_MS + 7 * 24 * HOUR_MS;
/** "All time": from the epoch to a fixed instant after every dataset row (ingest rows use other projects). */
export const TOTAL_BEFORE_MS = Date.UTC(2030, 0, 1);

const NUMERIC_PATH = ['output', 'scores', 'relevance'];
const BOOLEAN_PATH = ['output', 'passed'];
const CATEGORICAL_PATH = ['output', 'label'];

export function statsRequest(project: string): FeedbackStatsReq {
  return {
    project_id: project,
    start: new Date(WINDOW_START_MS).toISOString(),
    end: new Date(WINDOW_END_MS).toISOString(),
    timezone: STATS_TIME_ZONE,
    granularity: null,
    metrics: [
      { json_path: NUMERIC_PATH.join('.'), value_type: 'numeric', aggregations: ['avg', 'min', 'max'], percentiles: [50, 95] },
      { json_path: BOOLEAN_PATH.join('.'), value_type: 'boolean', aggregations: ['count_true', 'count_false'] },
      { json_path: CATEGORICAL_PATH.join('.'), value_type: 'categorical', aggregations: ['count'] },
    ],
  };
}

/** What the stats route hands to the SQL layer for `statsRequest`, built by the server's own code. */
export function statsQuery(project: string): StatsQuery {
  return toStatsQuery(checkStatsRequest(statsRequest(project), WINDOW_END_MS));
}

export function groupedAggregateRequest(project: string): FeedbackAggregateReq {
  return {
    project_id: project,
    after_ms: AGGREGATE_AFTER_MS,
    before_ms: AGGREGATE_BEFORE_MS,
    time_bucket_seconds: 3600,
    group_by: ['scorer_id', 'span_status_code'],
  };
}

/** The whole 31-day window in daily buckets: every row of the project, grouped. */
export function monthAggregateRequest(project: string): FeedbackAggregateReq {
  return {
    project_id: project,
    after_ms: WINDOW_START_MS,
    before_ms: WINDOW_END_MS,
    time_bucket_seconds: 86_400,
    group_by: ['scorer_id', 'span_status_code'],
  };
}

export function totalAggregateRequest(project: string): FeedbackAggregateReq {
  return { project_id: project, after_ms: 0, before_ms: TOTAL_BEFORE_MS };
}

/** What the aggregate route hands to the SQL layer for `req`, built by the server's own code. */
function aggregateQuery(req: FeedbackAggregateReq): AggregateQuery {
  return toAggregateQuery(checkAggregateRequest(req));
}

export const groupedAggregateQuery = (project: string): AggregateQuery => aggregateQuery(groupedAggregateRequest(project));
export const monthAggregateQuery = (project: string): AggregateQuery => aggregateQuery(monthAggregateRequest(project));
export const totalAggregateQuery = (project: string): AggregateQuery => aggregateQuery(totalAggregateRequest(project));
