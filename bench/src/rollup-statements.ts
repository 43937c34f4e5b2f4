// The statements the server sends for a request on each read path, built by the server's own
// code (apps/server/src/rollups/read-stats.ts, read-aggregate.ts), so the bench can time them
// directly (the HTTP layer is the difference) and EXPLAIN them (rows read, profile).
import { checkAggregateRequest, checkStatsRequest } from '@feedback/semantics';
import {
  buildAggregateRollupSql,
  buildStatsPercentilesSql,
  buildStatsRollupSql,
  buildStatsSql,
  planAggregateRead,
  onlyPercentiles,
  planStats,
  splitStatsMetrics,
  toAggregateQuery,
  toStatsQuery,
} from '@feedback/server';
import { WINDOW_END_MS } from './dataset.js';
import type { Statement } from './obvious-sql.js';
import type { PathStatements } from './rollup-bench.js';
import { aggregateStatements } from './query-specs.js';

export const pathStatements: PathStatements = {
  async rollup(q, runner) {
    if (q.request.endpoint === 'stats') {
      const query = toStatsQuery(checkStatsRequest(q.request.body, WINDOW_END_MS));
      const plan = planStats(query);
      if (plan === null) return [buildStatsSql(query)];
      const split = splitStatsMetrics(query.metrics);
      const rolled = buildStatsRollupSql(query, plan, split.rolledUp);
      if (split.raw.length === 0) return [rolled];
      // Percentiles: a second, raw statement over those metrics only (their values alone when
      // nothing else is read raw), in one read-only repeatable-read transaction (readStatsRows).
      const rawQuery = { ...query, metrics: split.raw.map((r) => r.metric) };
      return [
        { sql: 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY', params: [] },
        rolled,
        onlyPercentiles(rawQuery.metrics) ? buildStatsPercentilesSql(rawQuery) : buildStatsSql(rawQuery),
        { sql: 'COMMIT', params: [] },
      ];
    }
    const query = toAggregateQuery(checkAggregateRequest(q.request.body));
    // The server's `auto` path (rollups/read-aggregate.ts).
    const read = planAggregateRead(query, 'auto');
    return read === null ? aggregateStatements(runner, query) : [buildAggregateRollupSql(query, read.plan, read.table)];
  },
  async raw(q, runner) {
    if (q.request.endpoint === 'stats') return [buildStatsSql(toStatsQuery(checkStatsRequest(q.request.body, WINDOW_END_MS)))];
    return aggregateStatements(runner, toAggregateQuery(checkAggregateRequest(q.request.body)));
  },
};
