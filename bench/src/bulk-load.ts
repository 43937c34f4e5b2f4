// The roll-up benchmark's databases: the dataset bulk-loaded, then rolled up from raw the way an
// existing deployment is (`rollups rebuild`). A 10M-row import with the roll-ups written per
// batch takes hours on 2 shared cores (every batch adds several delta rows per raw row, merged
// later by the compactor), so here:
//   1. `feedback-server migrate`; the feedback table's secondary indexes are dropped (their
//      definitions kept), and a load-time trigger sets `rolled_up` of the rows of the projects to
//      roll up exactly as the backfill does (their payload's leaves within the bounds), so no
//      row is ever updated and the heap keeps the import's order;
//   2. the dataset imported with FEEDBACK_ROLLUPS=off (no deltas), both parts at once;
//   3. the trigger dropped, the indexes rebuilt from their definitions, VACUUM ANALYZE;
//   4. `feedback-server rollups rebuild --project P` for those projects: their roll-ups computed
//      from the raw rows, one row per key (what the compactor leaves), VACUUM ANALYZE.
// Rows of projects not listed get rolled_up = false ("never rolled up": always read raw); NULL
// would make every serving process backfill them in the background while queries are timed.
// (The benchmark lists every project: many such rows would also change the plans, see
// replicate.ts.) `rollups verify` runs on the queried project afterwards, flags included. The import with roll-ups is measured on its own (rollup-ingest.ts).
import type { GeneratedDataset } from './generate.js';
import { loadPostgres, type LoadResult } from './load.js';
import { databaseUrl, recreateDatabase, withDatabase } from './pg-admin.js';
import { expectRebuiltCompacted, ROLLUP_TABLES } from './rollup-counts.js';
import { runServerCli } from './server-cli.js';
import { postgresRunner } from './sql-runner.js';

export interface BulkLoadResult extends LoadResult {
  /** Seconds to rebuild the secondary indexes after the import. */
  indexSeconds: number;
  /** Projects rolled up, and the seconds `rollups rebuild` took for all of them. */
  rolledUpProjects: string[];
  rollupSeconds: number;
}

async function cli(args: string[], url: string, log: (s: string) => void): Promise<number> {
  const r = await runServerCli(args, { DATABASE_URL: url });
  if (r.code !== 0) throw new Error(`feedback-server ${args.join(' ')} exited with ${r.code}:\n${r.output}`);
  log(`    feedback-server ${args.join(' ')}: ${r.seconds.toFixed(1)} s ${r.output.trim().split('\n').slice(-1).join('')}`);
  return r.seconds;
}

/**
 * Copies every raw row of `source` (a database of an earlier load of the same dataset, whose
 * roll-up schema is now outdated) into the new table, through dblink: the same rows in the same
 * order, without parsing the dataset again. `rolled_up` is left to the load-time trigger.
 */
async function copyRawRows(url: string, adminUrl: string, source: string): Promise<LoadResult> {
  const started = performance.now();
  const rows = await withDatabase(url, async (c) => {
    const columns = (await c.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute AS a
        WHERE a.attrelid = 'feedback'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'rolled_up'
        ORDER BY a.attnum`,
    )).rows;
    await c.query('CREATE EXTENSION IF NOT EXISTS dblink');
    const names = columns.map((k) => k.name).join(', ');
    const conn = databaseUrl(adminUrl, source).replace(/'/g, "''");
    // Column names and types come from the catalog; the source name is the bench's own.
    const res = await c.query(
      `INSERT INTO feedback (${names})
       SELECT * FROM dblink('${conn}', 'SELECT ${names} FROM feedback ORDER BY ctid') AS t(${columns.map((k) => `${k.name} ${k.type}`).join(', ')})`,
    );
    await c.query('DROP EXTENSION dblink');
    return res.rowCount ?? 0;
  });
  const seconds = (performance.now() - started) / 1000;
  return { rows, importers: 0, seconds, rowsPerSecond: rows / seconds, vacuumSeconds: 0 };
}

export async function bulkLoadPostgres(args: {
  adminUrl: string;
  database: string;
  files: GeneratedDataset;
  rollupProjects: readonly string[];
  /** An earlier load of the same dataset to copy the raw rows from (the roll-up schema changed since). */
  rawFrom?: string;
  /** The projects whose roll-ups are built now (default: rollupProjects); the others' wait for `rollups rebuild`. */
  rebuildProjects?: readonly string[];
  log: (s: string) => void;
}): Promise<{ url: string; load: BulkLoadResult }> {
  const url = databaseUrl(args.adminUrl, args.database);
  await recreateDatabase(args.adminUrl, args.database);
  await cli(['migrate'], url, args.log);
  const indexes = await withDatabase(url, async (c) => {
    const rows = (await c.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes AS i
        WHERE i.schemaname = 'public' AND i.tablename = 'feedback'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conname = i.indexname)`,
    )).rows;
    for (const r of rows) await c.query(`DROP INDEX ${r.name}`);
    // Bench scaffolding, dropped after the load: the flag the backfill would set (backfill-statement.ts).
    await c.query(`CREATE FUNCTION bench_flag_rolled_up() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.rolled_up := CASE WHEN NEW.project_id = ANY (TG_ARGV) THEN NEW.covered AND feedback_payload_leaves(NEW.payload) IS NOT NULL ELSE false END;
        RETURN NEW;
      END $$`);
    const projects = args.rollupProjects.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');
    await c.query(`CREATE TRIGGER bench_flag_rolled_up BEFORE INSERT ON feedback FOR EACH ROW EXECUTE FUNCTION bench_flag_rolled_up(${projects})`);
    return rows;
  });
  args.log(`    dropped ${indexes.length} secondary indexes for the load: ${indexes.map((i) => i.name).join(', ')}`);
  const load = args.rawFrom === undefined
    ? await loadPostgres(args.files, url, () => Promise.resolve(), { FEEDBACK_ROLLUPS: 'off' })
    : await copyRawRows(url, args.adminUrl, args.rawFrom);
  args.log(`    ${args.rawFrom === undefined ? 'imported' : `copied from ${args.rawFrom}`} ${load.rows} rows at ${Math.round(load.rowsPerSecond)} rows/s (roll-ups off, secondary indexes dropped)`);
  await withDatabase(url, async (c) => {
    await c.query('DROP TRIGGER bench_flag_rolled_up ON feedback');
    await c.query('DROP FUNCTION bench_flag_rolled_up()');
  });
  const indexStarted = performance.now();
  await withDatabase(url, async (c) => {
    await c.query("SET maintenance_work_mem = '1GB'");
    for (const i of indexes) await c.query(i.def);
  });
  const indexSeconds = (performance.now() - indexStarted) / 1000;
  const vacuumStarted = performance.now();
  await withDatabase(url, async (c) => void (await c.query('VACUUM ANALYZE feedback')));
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  args.log(`    indexes rebuilt in ${indexSeconds.toFixed(1)} s, vacuum ${vacuumSeconds.toFixed(1)} s`);
  let rollupSeconds = 0;
  for (const p of args.rebuildProjects ?? args.rollupProjects) rollupSeconds += await cli(['rollups', 'rebuild', '--project', p], url, args.log);
  const runner = await postgresRunner(url);
  try {
    args.log(`    ${await expectRebuiltCompacted(runner)} roll-up rows, one per key, all compacted`);
    for (const t of ROLLUP_TABLES) await runner.exec(`VACUUM ANALYZE ${t}`);
    await runner.exec('VACUUM ANALYZE feedback');
  } finally {
    await runner.close();
  }
  return { url, load: { ...load, vacuumSeconds, indexSeconds, rolledUpProjects: [...args.rollupProjects], rollupSeconds } };
}
