import type { RequestHandler } from 'express';
import type { FeedbackStatsReq, StatsValue } from '@feedback/api-types';
import {
  assembleStatsResponse,
  assertCleanStrings,
  assertStatsAnswerSize,
  bucketGrid,
  resolveMetrics,
  resolveStatsWindow,
  type ComputedAggregates,
  type ResolvedMetric,
} from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { metricColumn, runStatsQuery, toStatsQuery, type StatsRow } from '../sql/stats-query.js';
import { readTimedOut } from './read-timeout.js';

function toAggregates(row: StatsRow, metrics: readonly ResolvedMetric[]): ComputedAggregates {
  return {
    count: row.n,
    metrics: metrics.map((m, i) => {
      const values: StatsValue[] = m.aggregations.map((_, j) => (row[metricColumn(i, j)] ?? null) as StatsValue);
      if (m.percentiles.length > 0) {
        const raw = row[metricColumn(i, m.aggregations.length)];
        const arr = Array.isArray(raw) ? (raw as (number | null)[]) : [];
        m.percentiles.forEach((_, k) => values.push(arr[k] ?? null));
      }
      return values;
    }),
  };
}

export function statsRoute({ db, now }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackStatsReq;
    assertProjectAccess(req.principal, body.project_id);
    assertCleanStrings(body);
    const window = resolveStatsWindow(body, now());
    const metrics = resolveMetrics(body.metrics);
    const grid = bucketGrid(window);
    // The answer's size is known before any query: refuse an oversized one without running it.
    assertStatsAnswerSize(grid.length, metrics);
    const rows = await runStatsQuery(db, toStatsQuery(body, window, metrics)).catch(readTimedOut);
    const byBucketKey = new Map<number, ComputedAggregates>();
    let total: ComputedAggregates | undefined;
    for (const row of rows) {
      if (row.bucket_key === null) total = toAggregates(row, metrics);
      else byBucketKey.set(row.bucket_key, toAggregates(row, metrics));
    }
    res.json(assembleStatsResponse({ window, metrics, grid, byBucketKey, total }));
  };
}
