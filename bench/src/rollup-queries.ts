// The queries of issue #11's targets table, as data: the request both paths answer (roll-up and
// raw), the obvious SQL it is compared with, the floor (rows in the window, counted through an
// index), and the check of the answer against the obvious SQL.
import type { FeedbackAggregateReq, FeedbackStatsReq } from '@feedback/sdk';
import { WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';
import { floorCount, obviousGroupedAggregate, obviousMonthAggregate, obviousStats, type Statement } from './obvious-sql.js';
import { AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS, groupedAggregateRequest, monthAggregateRequest, STATS_TIME_ZONE } from './queries.js';
import { verifyAggregate, verifyStats } from './verify.js';

export type RollupQueryId = 'stats' | 'stats_percentiles' | 'aggregate_month' | 'aggregate_grouped';

export type RollupRequest = { endpoint: 'stats'; body: FeedbackStatsReq } | { endpoint: 'aggregate'; body: FeedbackAggregateReq };

export interface RollupQuery {
  id: RollupQueryId;
  title: string;
  request: RollupRequest;
  obvious(): Statement[];
  floor(): Statement;
  verify(response: unknown, obvious: Record<string, unknown>[][]): string;
}

const NUMERIC = 'output.scores.relevance';
const BOOLEAN = 'output.passed';

/**
 * 31 days, auto granularity (one day), New York (the window holds its DST change): a numeric
 * metric's avg/min/max and a boolean's counts, all of which the roll-ups hold; with
 * `percentiles`, p50/p95 of the numeric one too (those always come from the raw values).
 */
export function rollupStatsRequest(project: string, percentiles: boolean): FeedbackStatsReq {
  return {
    project_id: project,
    start: new Date(WINDOW_START_MS).toISOString(),
    end: new Date(WINDOW_END_MS).toISOString(),
    timezone: STATS_TIME_ZONE,
    granularity: null,
    metrics: [
      { json_path: NUMERIC, value_type: 'numeric', aggregations: ['avg', 'min', 'max'], ...(percentiles ? { percentiles: [50, 95] } : {}) },
      { json_path: BOOLEAN, value_type: 'boolean', aggregations: ['count_true', 'count_false'] },
    ],
  };
}

export function rollupQueries(project: string): RollupQuery[] {
  const stats = (percentiles: boolean): RollupQuery => ({
    id: percentiles ? 'stats_percentiles' : 'stats',
    title: `stats: 31 days, auto granularity (1 day), America/New_York, numeric avg/min/max${percentiles ? ' + p50/p95' : ''}, boolean count_true/count_false${percentiles ? '' : ', no percentiles'}`,
    request: { endpoint: 'stats', body: rollupStatsRequest(project, percentiles) },
    obvious: () => obviousStats(project, { percentiles, categorical: false }),
    floor: () => floorCount(project, WINDOW_START_MS, WINDOW_END_MS),
    verify: (res, obvious) => verifyStats(res as Parameters<typeof verifyStats>[0], obvious),
  });
  return [
    stats(false),
    stats(true),
    {
      id: 'aggregate_month',
      title: 'aggregate: 31 days, daily buckets, group_by scorer_id + span_status_code',
      request: { endpoint: 'aggregate', body: monthAggregateRequest(project) },
      obvious: () => obviousMonthAggregate(project),
      floor: () => floorCount(project, WINDOW_START_MS, WINDOW_END_MS),
      verify: (res, obvious) => verifyAggregate(res as Parameters<typeof verifyAggregate>[0], obvious, true),
    },
    {
      id: 'aggregate_grouped',
      title: 'aggregate: 7 days, hourly buckets, group_by scorer_id + span_status_code',
      request: { endpoint: 'aggregate', body: groupedAggregateRequest(project) },
      obvious: () => obviousGroupedAggregate(project),
      floor: () => floorCount(project, AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS),
      verify: (res, obvious) => verifyAggregate(res as Parameters<typeof verifyAggregate>[0], obvious, true),
    },
  ];
}
