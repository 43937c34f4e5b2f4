import type { RequestHandler } from 'express';
import type { FeedbackStatsReq, FeedbackStatsRes, StatsValue } from '@feedback/api-types';
import { assembleStatsResponse, checkStatsRequest, withTopValues, type CheckedStatsRequest, type ComputedAggregates, type ComputedStats, type ResolvedMetric } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { readStatsRows, type ReadPath } from '../rollups/read-stats.js';
import { metricColumn, toStatsQuery, type StatsRow } from '../sql/stats-query.js';
import type { Db, Queryable } from '../storage/db.js';
import { runTopValuesQuery } from '../sql/stats-top-values.js';
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

/** The statement's rows: one per bucket with rows, and the window's row (bucket_key null). */
function toComputedStats(rows: readonly StatsRow[], metrics: readonly ResolvedMetric[]): ComputedStats {
  const byBucketKey = new Map<number, ComputedAggregates>();
  let total: ComputedAggregates | undefined;
  for (const row of rows) {
    if (row.bucket_key === null) total = toAggregates(row, metrics);
    else byBucketKey.set(row.bucket_key, toAggregates(row, metrics));
  }
  return { byBucketKey, total };
}

/**
 * The answer to a checked stats request: the roll-ups where they serve, else the raw rows
 * (`path: 'raw'` forces those; benchmarks and the differential test compare the two).
 */
export async function statsAnswer(db: Db, checked: CheckedStatsRequest, path: ReadPath): Promise<FeedbackStatsRes> {
  // top_values (our extension): a second statement, only when a metric asks for it, in the
  // snapshot of the rows, so its counts add up to theirs.
  const topValues = checked.metrics.some((m) => m.topValues !== undefined) ? (tx: Queryable) => runTopValuesQuery(tx, checked) : undefined;
  const { rows, alongside } = await readStatsRows(db, toStatsQuery(checked), path, topValues);
  const answer = assembleStatsResponse(checked, toComputedStats(rows, checked.metrics));
  return withTopValues(answer, checked, alongside ?? []);
}

export function statsRoute({ db, now, rollups }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackStatsReq;
    assertProjectAccess(req.principal, body.project_id);
    const checked = checkStatsRequest(body, now());
    res.json(await statsAnswer(db, checked, rollups ? 'auto' : 'raw').catch(readTimedOut('stats')));
  };
}
