// times the server's stats SQL (buildStatsSql from a module path) under PRE settings
import pg from 'pg';
import { statsQuery, QUERY_PROJECT } from './queries.js';
const mod = await import(process.env.MOD ?? '@feedback/server');
const c = new pg.Client({ connectionString: process.env.DB ?? 'postgres://postgres@127.0.0.1:5432/feedback_bench_dev1m' });
await c.connect();
const variants = (process.env.PRES ?? 'set jit=off').split('|');
const s = mod.buildStatsSql(statsQuery(QUERY_PROJECT));
const R = Number(process.env.R ?? 7);
const times: number[][] = variants.map(() => []);
for (let r = 0; r < R; r++) for (let i = 0; i < variants.length; i++) {
  await c.query('RESET ALL'); await c.query(variants[i]!);
  const t = performance.now(); await c.query(s.sql, s.params); times[i]!.push(performance.now() - t);
}
variants.forEach((v, i) => { const t = times[i]!.sort((a, b) => a - b); console.log(`min ${t[0]!.toFixed(1).padStart(7)} med ${t[t.length >> 1]!.toFixed(1).padStart(7)}  ${v}`); });
if (process.env.EXPLAIN) { await c.query('RESET ALL'); await c.query(variants[variants.length - 1]!); const r = await c.query('EXPLAIN (ANALYZE, BUFFERS) ' + s.sql, s.params); console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n')); }
await c.end();
