// The roll-up benchmark's 10M-row table, made in SQL from the loaded 1M-row one: on 2 shared
// cores the importer writes ~1.5k rows/s, hours for 10M rows. The 1M database is copied (CREATE
// DATABASE … TEMPLATE), then its rows are added nine more times, each copy with fresh ids (the
// UUIDv7 prefix kept, its last group drawn from a hash) and created_at moved k seconds later
// (wrapped inside the 31-day window), every other column as it is: 1M rows per project in the
// window, in time order within each copy, the projects interleaved as the importer left them.
// The secondary indexes are dropped for the copies and rebuilt after; then the queried project's
// roll-ups are recomputed from its raw rows (`rollups rebuild`). Every copy keeps its row's
// rolled_up flag (true, as in the 1M table); the other projects keep the 1M table's roll-ups, so
// theirs count only their original rows: no query reads them, and rebuilding 9M rows would
// outlast the run on these cores. (Marking their copies not rolled up instead would make the
// partial index of such rows hold 9M entries, which no deployment has, and the planner reads
// the table instead of that index.)
import { WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';
import { databaseUrl, withDatabase } from './pg-admin.js';
import { expectRebuiltCompacted, ROLLUP_TABLES } from './rollup-counts.js';
import { runServerCli } from './server-cli.js';
import { postgresRunner } from './sql-runner.js';

export interface ReplicateResult {
  rows: number;
  copySeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  rollupSeconds: number;
}

function assertSafeName(name: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
}

export async function replicateDatabase(args: {
  adminUrl: string;
  source: string;
  target: string;
  copies: number;
  rollupProjects: readonly string[];
  log: (s: string) => void;
}): Promise<{ url: string; result: ReplicateResult }> {
  assertSafeName(args.source);
  assertSafeName(args.target);
  const started = performance.now();
  await withDatabase(args.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${args.target} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${args.target} TEMPLATE ${args.source}`);
  });
  const url = databaseUrl(args.adminUrl, args.target);
  const indexes = await withDatabase(url, async (c) => {
    const rows = (await c.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes AS i
        WHERE i.schemaname = 'public' AND i.tablename = 'feedback'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conname = i.indexname)`,
    )).rows;
    for (const r of rows) await c.query(`DROP INDEX ${r.name}`);
    const columns = (await c.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'feedback' ORDER BY ordinal_position`,
    )).rows.map((r) => r.name);
    const span = (WINDOW_END_MS - WINDOW_START_MS) / 1000;
    const start = new Date(WINDOW_START_MS).toISOString();
    const values = columns.map((name) => {
      if (name === 'id') return `left(f.id, 24) || substr(md5(f.id || ':' || g.k), 1, 12)`;
      if (name === 'created_at') {
        return `timestamptz '${start}' + make_interval(secs => mod((extract(epoch FROM f.created_at - timestamptz '${start}') + g.k)::numeric, ${span})::float8)`;
      }
      return `f.${name}`;
    });
    // One statement: its snapshot holds only the original rows. The lateral reference keeps the
    // table the outer side, so each row's copies are written together and the heap stays in
    // time order. Column names come from the catalog; the copy count is a bound parameter.
    const t = performance.now();
    const inserted = await c.query(
      `INSERT INTO feedback (${columns.join(', ')})
       SELECT ${values.join(', ')}
         FROM feedback AS f CROSS JOIN LATERAL (SELECT k FROM generate_series(1, $1::int) AS k WHERE f.id IS NOT NULL) AS g`,
      [args.copies],
    );
    args.log(`    ${inserted.rowCount ?? 0} copied rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return rows;
  });
  const copySeconds = (performance.now() - started) / 1000;
  const indexStarted = performance.now();
  await withDatabase(url, async (c) => {
    await c.query("SET maintenance_work_mem = '1GB'");
    for (const i of indexes) await c.query(i.def);
  });
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  args.log(`    indexes rebuilt in ${indexSeconds.toFixed(1)} s`);
  const vacuumStarted = performance.now();
  await withDatabase(url, async (c) => void (await c.query('VACUUM ANALYZE feedback')));
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  let rollupSeconds = 0;
  for (const p of args.rollupProjects) {
    const r = await runServerCli(['rollups', 'rebuild', '--project', p], { DATABASE_URL: url });
    if (r.code !== 0) throw new Error(`rollups rebuild --project ${p} exited with ${r.code}:\n${r.output}`);
    args.log(`    rollups rebuild --project ${p}: ${r.seconds.toFixed(1)} s`);
    rollupSeconds += r.seconds;
  }
  const runner = await postgresRunner(url);
  try {
    args.log(`    ${await expectRebuiltCompacted(runner)} roll-up rows, one per key, all compacted`);
    for (const t of ROLLUP_TABLES) await runner.exec(`VACUUM ANALYZE ${t}`);
  } finally {
    await runner.close();
  }
  const rows = await withDatabase(url, async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM feedback')).rows[0]?.n));
  return { url, result: { rows, copySeconds, indexSeconds, vacuumSeconds, rollupSeconds } };
}
