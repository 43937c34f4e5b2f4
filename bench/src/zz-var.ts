import pg from 'pg';
const c = new pg.Client({ connectionString: process.env.DB ?? 'postgres://postgres@127.0.0.1:5432/feedback_bench_dev1m' });
await c.connect();
const P = ['bench/project-03', '2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z', 'America/New_York', 86400, ['output','scores','relevance'], [0.5, 0.95], ['output','passed'], ['output','label']];
const range = `project_id = $1 AND created_at >= $2::timestamptz AND created_at < $3::timestamptz`;
const rows = (cols: string) => `(SELECT ${cols} FROM feedback WHERE covered AND ${range} UNION ALL SELECT ${cols} FROM feedback WHERE NOT covered AND ${range})`;
const KEY = `(floor(date_part('epoch', created_at AT TIME ZONE $4::text) / $5::float8) * $5::float8)`;
const aggs = `count(*)::int AS n, avg(v0)::float8 a, min(v0)::float8 b, max(v0)::float8 c, percentile_cont($7::float8[]) WITHIN GROUP (ORDER BY v0) p,
  count(*) FILTER (WHERE v1)::int t, count(*) FILTER (WHERE NOT v1)::int f, count(v2)::int cnt`;
const tail = `GROUP BY GROUPING SETS ((bucket_key), ())`;
const V: Record<string, string> = {
  dup: `SELECT CASE WHEN grouping(bucket_key)=1 THEN NULL ELSE bucket_key END bk, ${aggs} FROM (
     SELECT ${KEY} AS bucket_key,
       CASE WHEN jsonb_typeof(payload #> $6::text[]) = 'number' THEN (payload #> $6::text[])::float8 END AS v0,
       CASE WHEN jsonb_typeof(payload #> $8::text[]) = 'boolean' THEN (payload #> $8::text[])::boolean END AS v1,
       CASE WHEN jsonb_typeof(payload #> $9::text[]) IN ('string','number','boolean') THEN payload #> $9::text[] #>> '{}' END AS v2
     FROM ${rows('created_at, payload')} r) x ${tail}`,
  srf: `SELECT CASE WHEN grouping(bucket_key)=1 THEN NULL ELSE bucket_key END bk, ${aggs} FROM (
     SELECT bucket_key,
       CASE WHEN jsonb_typeof(j0) = 'number' THEN j0::float8 END AS v0,
       CASE WHEN jsonb_typeof(j1) = 'boolean' THEN j1::boolean END AS v1,
       CASE WHEN jsonb_typeof(j2) IN ('string','number','boolean') THEN j2 #>> '{}' END AS v2
     FROM (SELECT ${KEY} AS bucket_key, unnest(ARRAY[payload #> $6::text[]]) j0, unnest(ARRAY[payload #> $8::text[]]) j1, unnest(ARRAY[payload #> $9::text[]]) j2
           FROM ${rows('created_at, payload')} r) e) x ${tail}`,
  srf1: `SELECT CASE WHEN grouping(bucket_key)=1 THEN NULL ELSE bucket_key END bk, ${aggs} FROM (
     SELECT bucket_key,
       CASE WHEN jsonb_typeof(j[1]) = 'number' THEN j[1]::float8 END AS v0,
       CASE WHEN jsonb_typeof(j[2]) = 'boolean' THEN j[2]::boolean END AS v1,
       CASE WHEN jsonb_typeof(j[3]) IN ('string','number','boolean') THEN j[3] #>> '{}' END AS v2
     FROM (SELECT ${KEY} AS bucket_key, ARRAY[payload #> $6::text[], payload #> $8::text[], payload #> $9::text[]] j, unnest('{1}'::int[]) one
           FROM ${rows('created_at, payload')} r) e) x ${tail}`,
  jpath: `SELECT CASE WHEN grouping(bucket_key)=1 THEN NULL ELSE bucket_key END bk, ${aggs} FROM (
     SELECT ${KEY} AS bucket_key,
       jsonb_path_query_first(payload, '$.output.scores.relevance ? (@.type() == "number")')::float8 AS v0,
       jsonb_path_query_first(payload, '$.output.passed ? (@.type() == "boolean")')::boolean AS v1,
       jsonb_path_query_first(payload, '$.output.label ? (@.type() == "string" || @.type() == "number" || @.type() == "boolean")') #>> '{}' AS v2
     FROM ${rows('created_at, payload')} r) x ${tail}`,
};
const pre = process.env.PRE ?? `SET jit=off; SET work_mem='64MB'; SET parallel_setup_cost=0; SET parallel_tuple_cost=0.001; SET min_parallel_index_scan_size=0`;
const names = (process.env.V ?? Object.keys(V).join(',')).split(',');
const R = Number(process.env.R ?? 7);
const times: Record<string, number[]> = {};
const results: Record<string, string> = {};
for (let r = 0; r < R; r++) for (const n of names) {
  await c.query('RESET ALL'); await c.query(pre);
  const t = performance.now(); const res = await c.query(V[n]!, n === 'jpath' ? P.filter((_, i) => ![5, 7, 8].includes(i)).concat([]) : P); (times[n] ??= []).push(performance.now() - t);
  results[n] = JSON.stringify(res.rows);
}
for (const n of names) { const t = times[n]!.sort((a, b) => a - b); console.log(`min ${t[0]!.toFixed(1).padStart(7)} med ${t[t.length >> 1]!.toFixed(1).padStart(7)} ${n} same=${results[n] === results[names[0]!]}`); }
if (process.env.EXPLAIN) { await c.query('RESET ALL'); await c.query(pre); const r = await c.query('EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ' + V[process.env.EXPLAIN]!, P); console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n')); }
await c.end();
if (process.env.DIFF) { const a = JSON.parse(results[names[0]!]!), b = JSON.parse(results[names[1]!]!); const key = (r: any) => String(r.bk); const m = new Map(a.map((r: any) => [key(r), r])); let k = 0; for (const r of b) { const o: any = m.get(key(r)); if (JSON.stringify(o) !== JSON.stringify(r) && k++ < 3) console.log(JSON.stringify(o), '\n', JSON.stringify(r)); } }
