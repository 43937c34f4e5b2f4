// The four query benchmarks as data: how each is asked over HTTP, which SQL the server runs for it,
// the obvious SQL and the floor it is compared with, and how the answers are checked.
import type { FeedbackClient } from '@feedback/sdk';
import { aggregatePlanFor, buildAggregateProbeSql, buildAggregateSql, buildStatsSql, type AggregateQuery } from '@feedback/server';
import { WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';
import { floorCount, obviousGroupedAggregate, obviousMonthAggregate, obviousStats, obviousTotalAggregate, type Statement } from './obvious-sql.js';
import {
  AGGREGATE_AFTER_MS,
  AGGREGATE_BEFORE_MS,
  groupedAggregateQuery,
  groupedAggregateRequest,
  monthAggregateQuery,
  monthAggregateRequest,
  statsQuery,
  statsRequest,
  TOTAL_BEFORE_MS,
  totalAggregateQuery,
  totalAggregateRequest,
} from './queries.js';
import type { SqlRunner } from './sql-runner.js';
import { verifyAggregate, verifyStats } from './verify.js';

export interface QuerySpec {
  id: 'stats' | 'aggregate_grouped' | 'aggregate_month' | 'aggregate_total';
  title: string;
  http(client: FeedbackClient): Promise<unknown>;
  /**
   * The statements the server sends for this request, in order (its connections carry
   * SESSION_SETTINGS); the last one computes the answer. Asking may read the database: the
   * aggregate's plan follows a capped count of the matching rows, as in the server.
   */
  server(runner: SqlRunner): Promise<Statement[]>;
  obvious(): Statement[];
  floor(): Statement;
  verify(response: unknown, obvious: Record<string, unknown>[][]): string;
}

/** The server's two round trips for an aggregate: the capped count, then the plan it picks. */
export async function aggregateStatements(runner: SqlRunner, q: AggregateQuery): Promise<Statement[]> {
  const probe = buildAggregateProbeSql(q);
  const matching = Number((await runner.query(probe.sql, probe.params))[0]?.['n']);
  return [probe, buildAggregateSql(q, aggregatePlanFor(matching))];
}

export function querySpecs(project: string): QuerySpec[] {
  return [
    {
      id: 'stats',
      title: 'stats: 31 days, auto granularity (1 day), America/New_York, numeric avg/min/max + p50/p95, boolean, categorical',
      http: (client) => client.stats(statsRequest(project)),
      server: async () => [buildStatsSql(statsQuery(project))],
      obvious: () => obviousStats(project),
      floor: () => floorCount(project, WINDOW_START_MS, WINDOW_END_MS),
      verify: (res, obvious) => verifyStats(res as Parameters<typeof verifyStats>[0], obvious),
    },
    {
      id: 'aggregate_grouped',
      title: 'aggregate: 7 days, hourly buckets, group_by scorer_id + span_status_code',
      http: (client) => client.aggregate(groupedAggregateRequest(project)),
      server: (runner) => aggregateStatements(runner, groupedAggregateQuery(project)),
      obvious: () => obviousGroupedAggregate(project),
      floor: () => floorCount(project, AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS),
      verify: (res, obvious) => verifyAggregate(res as Parameters<typeof verifyAggregate>[0], obvious, true),
    },
    {
      id: 'aggregate_month',
      title: 'aggregate: 31 days, daily buckets, group_by scorer_id + span_status_code (every row of the project)',
      http: (client) => client.aggregate(monthAggregateRequest(project)),
      server: (runner) => aggregateStatements(runner, monthAggregateQuery(project)),
      obvious: () => obviousMonthAggregate(project),
      floor: () => floorCount(project, WINDOW_START_MS, WINDOW_END_MS),
      verify: (res, obvious) => verifyAggregate(res as Parameters<typeof verifyAggregate>[0], obvious, true),
    },
    {
      id: 'aggregate_total',
      title: 'aggregate: all-time project total (no buckets, no group_by)',
      http: (client) => client.aggregate(totalAggregateRequest(project)),
      server: (runner) => aggregateStatements(runner, totalAggregateQuery(project)),
      obvious: () => obviousTotalAggregate(project),
      floor: () => floorCount(project, 0, TOTAL_BEFORE_MS),
      verify: (res, obvious) => verifyAggregate(res as Parameters<typeof verifyAggregate>[0], obvious, false),
    },
  ];
}
