import pg from 'pg';
import { readFileSync } from 'node:fs';
const c = new pg.Client({ connectionString: process.env.DB ?? 'postgres://postgres@127.0.0.1:5432/feedback_bench_dev1m' });
await c.connect();
await c.query(process.env.PRE ?? 'set jit=off; set max_parallel_workers_per_gather=0');
const W = `from feedback where project_id='bench/project-03' and created_at >= '2024-03-01Z' and created_at < '2024-04-01Z'`;
const text = readFileSync(process.argv[2]!, 'utf8').replaceAll(':W', W);
const stmts = text.split('\n').filter((l) => l.trim() && !l.startsWith('--'));
const times: number[][] = stmts.map(() => []);
const R = Number(process.env.R ?? 7);
for (let r = 0; r < R; r++) for (let i = 0; i < stmts.length; i++) { const t = performance.now(); await c.query(stmts[i]!); times[i]!.push(performance.now() - t); }
stmts.forEach((s, i) => { const t = times[i]!.sort((a, b) => a - b); console.log(`min ${t[0]!.toFixed(1).padStart(7)} med ${t[t.length >> 1]!.toFixed(1).padStart(7)}  ${s.slice(0, 150)}`); });
await c.end();
