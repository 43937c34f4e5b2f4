import pg from 'pg';
import { buildStatsSql, buildAggregateSql } from '@feedback/server';
import { statsQuery, groupedAggregateQuery, totalAggregateQuery, QUERY_PROJECT, AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS } from './queries.js';
import { obviousStats, obviousGroupedAggregate, obviousTotalAggregate, floorCount } from './obvious-sql.js';
import { WINDOW_START_MS, WINDOW_END_MS } from './dataset.js';
import { timeRuns } from './timing.js';
const c = new pg.Client({ connectionString: process.env.DB ?? 'postgres://postgres@127.0.0.1:5432/feedback_bench_dev1m' });
await c.connect();
const pre = process.env.PRE;
if (pre) await c.query(pre);
const runs = Number(process.env.RUNS ?? 7);
const which = (process.env.ONLY ?? 'floor,stats,obvstats,agg,obvagg,total,obvtotal').split(',');
const T = async (name: string, stmts: { sql: string; params: unknown[] }[]) => {
  if (!which.includes(name)) return;
  const t = await timeRuns(runs, 1, async () => { for (const s of stmts) await c.query(s.sql, s.params); });
  console.log(name.padEnd(10), 'p50', t.p50.toFixed(1), 'min', t.min.toFixed(1), 'max', t.max.toFixed(1));
};
await T('floor', [floorCount(QUERY_PROJECT, WINDOW_START_MS, WINDOW_END_MS)]);
await T('stats', [buildStatsSql(statsQuery(QUERY_PROJECT))]);
await T('obvstats', obviousStats(QUERY_PROJECT));
await T('aggfloor', [floorCount(QUERY_PROJECT, AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS)]);
await T('agg', [buildAggregateSql(groupedAggregateQuery(QUERY_PROJECT))]);
await T('obvagg', obviousGroupedAggregate(QUERY_PROJECT));
await T('total', [buildAggregateSql(totalAggregateQuery(QUERY_PROJECT))]);
await T('obvtotal', obviousTotalAggregate(QUERY_PROJECT));
if (process.env.EXPLAIN) { const s = buildStatsSql(statsQuery(QUERY_PROJECT)); const r = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + s.sql, s.params); console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n')); }
await c.end();
