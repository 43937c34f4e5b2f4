// Getting a dataset into an engine: generate (or reuse) the files, then load them into a fresh
// PostgreSQL database or PGlite directory, or keep one already loaded when --reuse says so.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bulkLoadPostgres } from './bulk-load.js';
import { replicateDatabase } from './replicate.js';
import { expectRebuiltCompacted } from './rollup-counts.js';
import { PROJECT_COUNT, projectId, SIZES, type SizeName } from './dataset.js';
import { generateDataset, type GeneratedDataset } from './generate.js';
import { loadPglite, loadPostgres, type LoadResult } from './load.js';
import { BENCH_DIR } from './machine.js';
import { databaseExists, databaseUrl, readMarker, recreateDatabase, withDatabase, writeMarker } from './pg-admin.js';
import { runServerCli } from './server-cli.js';
import { pgliteRunner } from './sql-runner.js';

export const DATA_DIR = join(BENCH_DIR, 'data');

export interface LoadedDataset {
  size: SizeName;
  name: string;
  rows: number;
  fileBytes: number;
  generateSeconds: number;
  load: LoadResult;
  reusedLoad: boolean;
  tableBytes: number;
  indexBytes: number;
}

const SIZE_SQL = `SELECT pg_table_size('feedback')::float8 AS t, pg_indexes_size('feedback')::float8 AS i`;

export function postgresDatabaseName(size: SizeName): string {
  return `feedback_bench_${size}`;
}

export async function postgresDataset(adminUrl: string, size: SizeName, seed: number, reuse: boolean, log: (s: string) => void): Promise<{ url: string; dataset: LoadedDataset }> {
  const name = postgresDatabaseName(size);
  const url = databaseUrl(adminUrl, name);
  const files = await generateDataset(DATA_DIR, size, seed);
  log(`  ${files.name}: ${files.reused ? 'files reused' : `generated in ${files.seconds.toFixed(1)} s`}`);
  if (reuse && (await databaseExists(adminUrl, name))) {
    const marker = await withDatabase(url, readMarker);
    if (marker?.dataset === files.name && marker.rows === SIZES[size]) {
      log(`  ${name}: reusing the loaded database`);
      const load = { rows: marker.rows, importers: marker.importers, seconds: marker.loadSeconds, rowsPerSecond: marker.rows / marker.loadSeconds, vacuumSeconds: marker.vacuumSeconds };
      return { url, dataset: await describe(url, size, files, load, true) };
    }
  }
  await recreateDatabase(adminUrl, name);
  log(`  ${name}: loading ${files.rows} rows with ${files.parts.length} importers`);
  const load = await loadPostgres(files, url, () => withDatabase(url, async (c) => void (await c.query('VACUUM ANALYZE feedback'))));
  await withDatabase(url, (c) =>
    writeMarker(c, { dataset: files.name, rows: load.rows, loadSeconds: load.seconds, vacuumSeconds: load.vacuumSeconds, importers: load.importers }),
  );
  log(`  ${name}: ${Math.round(load.rowsPerSecond)} rows/s, vacuum ${load.vacuumSeconds.toFixed(1)} s`);
  return { url, dataset: await describe(url, size, files, load, false) };
}

async function describe(url: string, size: SizeName, files: GeneratedDataset, load: LoadResult, reused: boolean): Promise<LoadedDataset> {
  const sizes = await withDatabase(url, async (c) => (await c.query<{ t: number; i: number }>(SIZE_SQL)).rows[0]);
  return {
    size, name: files.name, rows: load.rows, fileBytes: files.bytes, generateSeconds: files.seconds, load, reusedLoad: reused,
    tableBytes: sizes?.t ?? 0, indexBytes: sizes?.i ?? 0,
  };
}

/**
 * The dataset in a PGlite directory. With `rollupProjects` (the roll-up benchmark): imported with
 * FEEDBACK_ROLLUPS=off into a directory of its own, then those projects rolled up from raw by
 * `feedback-server rollups rebuild` (as bulk-load.ts does on PostgreSQL).
 */
export async function pgliteDataset(
  size: SizeName,
  seed: number,
  log: (s: string) => void,
  rollupProjects?: readonly string[],
  reuse = false,
): Promise<{ dataDir: string; dataset: LoadedDataset }> {
  const files = await generateDataset(DATA_DIR, size, seed);
  const dataDir = join(DATA_DIR, `pglite-${rollupProjects === undefined ? '' : 'rollups-'}${files.name}`);
  // A finished roll-up load leaves a marker beside its directory (what it holds, how it loaded).
  const markerFile = `${dataDir}.loaded.json`;
  const content = `${files.name}+rollups(${(rollupProjects ?? []).join(',')})+schema(${rollupSchemaTag()})`;
  let load: LoadResult | undefined;
  let reused = false;
  if (reuse && rollupProjects !== undefined && existsSync(markerFile) && existsSync(dataDir)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { content?: string; load?: LoadResult };
    if (marker.content === content && marker.load !== undefined) {
      load = marker.load;
      reused = true;
      log(`  PGlite ${files.name}: reusing the loaded directory`);
    }
  }
  if (load === undefined) {
    log(`  PGlite ${files.name}: loading ${files.rows} rows with 1 importer`);
    rmSync(markerFile, { force: true });
    const storage = { FEEDBACK_DATA_DIR: dataDir, DATABASE_URL: '' };
    load = await loadPglite(files, dataDir, async () => {
      for (const p of rollupProjects ?? []) {
        const r = await runServerCli(['rollups', 'rebuild', '--project', p], storage);
        if (r.code !== 0) throw new Error(`rollups rebuild --project ${p} on PGlite exited with ${r.code}:\n${r.output}`);
      }
      const runner = await pgliteRunner(dataDir);
      if (rollupProjects !== undefined) await expectRebuiltCompacted(runner);
      await runner.exec('VACUUM ANALYZE');
      await runner.close();
    }, rollupProjects === undefined ? {} : { FEEDBACK_ROLLUPS: 'off' });
    log(`  PGlite: ${Math.round(load.rowsPerSecond)} rows/s, roll-ups and vacuum ${load.vacuumSeconds.toFixed(1)} s`);
    if (rollupProjects !== undefined) writeFileSync(markerFile, JSON.stringify({ content, load }));
  }
  const runner = await pgliteRunner(dataDir);
  const sizes = (await runner.query(SIZE_SQL))[0];
  await runner.close();
  return {
    dataDir,
    dataset: {
      size, name: files.name, rows: load.rows, fileBytes: files.bytes, generateSeconds: files.seconds, load, reusedLoad: reused,
      tableBytes: Number(sizes?.['t'] ?? 0), indexBytes: Number(sizes?.['i'] ?? 0),
    },
  };
}

/** The roll-up benchmark's own databases (bulk-loaded, see bulk-load.ts), apart from the main benchmark's. */
export function rollupDatabaseName(size: SizeName): string {
  return `feedback_bench_rollups_${size}`;
}

/**
 * The dataset in PostgreSQL with `rollupProjects` rolled up (bulk-load.ts), or the database an
 * earlier run left with the same content when `reuse`.
 */
export async function rollupPostgresDataset(args: {
  adminUrl: string;
  size: SizeName;
  seed: number;
  reuse: boolean;
  rollupProjects: readonly string[];
  log: (s: string) => void;
}): Promise<{ url: string; dataset: LoadedDataset }> {
  if (args.size === '10m') return replicatedTenMillion(args);
  const name = rollupDatabaseName(args.size);
  const url = databaseUrl(args.adminUrl, name);
  const files = await generateDataset(DATA_DIR, args.size, args.seed);
  args.log(`  ${files.name}: ${files.reused ? 'files reused' : `generated in ${files.seconds.toFixed(1)} s`}`);
  const content = `${files.name}+rollups(${args.rollupProjects.join(',')})+schema(${rollupSchemaTag()})`;
  const reused = args.reuse ? await reuseMarked(args.adminUrl, name, content, SIZES[args.size]) : undefined;
  if (reused !== undefined) {
    args.log(`  ${name}: reusing the loaded database`);
    return { url, dataset: await describe(url, args.size, files, reused, true) };
  }
  // The same dataset loaded under an older roll-up schema: its raw rows are copied, not imported again.
  const old = `${name}_old`;
  let rawFrom: string | undefined;
  if (args.reuse && (await databaseExists(args.adminUrl, name))) {
    const marker = await withDatabase(url, readMarker);
    if (marker?.dataset.startsWith(`${files.name}+`) === true && marker.rows === SIZES[args.size]) {
      await withDatabase(args.adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${old} WITH (FORCE)`);
        await c.query(`ALTER DATABASE ${name} RENAME TO ${old}`);
      });
      rawFrom = old;
    }
  }
  args.log(`  ${name}: bulk-loading ${files.rows} rows, rolling up ${args.rollupProjects.length} project(s)`);
  const { load } = await bulkLoadPostgres({ adminUrl: args.adminUrl, database: name, files, rollupProjects: args.rollupProjects, ...(rawFrom === undefined ? {} : { rawFrom }), log: args.log });
  if (rawFrom !== undefined) await withDatabase(args.adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${old} WITH (FORCE)`)));
  await withDatabase(url, (c) =>
    writeMarker(c, { dataset: content, rows: load.rows, loadSeconds: load.seconds, vacuumSeconds: load.vacuumSeconds, importers: load.importers }),
  );
  return { url, dataset: await describe(url, args.size, files, load, false) };
}

async function reuseMarked(adminUrl: string, name: string, content: string, rows: number): Promise<LoadResult | undefined> {
  if (!(await databaseExists(adminUrl, name))) return undefined;
  const marker = await withDatabase(databaseUrl(adminUrl, name), readMarker);
  if (marker?.dataset !== content || marker.rows !== rows) return undefined;
  return { rows: marker.rows, importers: marker.importers, seconds: marker.loadSeconds, rowsPerSecond: marker.rows / marker.loadSeconds, vacuumSeconds: marker.vacuumSeconds };
}

const COPIES = 9;

const require = createRequire(import.meta.url);

/** A digest of the roll-up migrations: a database loaded under other ones is loaded again. */
function rollupSchemaTag(): string {
  const dir = join(dirname(require.resolve('@feedback/server')), '..', 'migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).filter((n) => /^0(0[6-9]|[1-9]\d)_.*\.sql$/.test(n)).sort()) hash.update(readFileSync(join(dir, f)));
  return hash.digest('hex').slice(0, 12);
}

/** The 10M table: the 1M one (loaded first, or reused) and nine copies of its rows, in SQL (replicate.ts). */
async function replicatedTenMillion(args: Parameters<typeof rollupPostgresDataset>[0]): Promise<{ url: string; dataset: LoadedDataset }> {
  const every = Array.from({ length: PROJECT_COUNT }, (_, i) => projectId(i));
  const source = await rollupPostgresDataset({ ...args, size: '1m', reuse: true, rollupProjects: every });
  const name = rollupDatabaseName('10m');
  const url = databaseUrl(args.adminUrl, name);
  const files = await generateDataset(DATA_DIR, '1m', args.seed);
  const content = `${files.name}x${COPIES + 1}+rollups(${args.rollupProjects.join(',')})+schema(${rollupSchemaTag()})`;
  const rows = source.dataset.rows * (COPIES + 1);
  const reused = args.reuse ? await reuseMarked(args.adminUrl, name, content, rows) : undefined;
  const describeTen = async (load: LoadResult, again: boolean): Promise<LoadedDataset> => ({
    ...(await describe(url, '10m', files, load, again)), name: `${files.name} ×${COPIES + 1} (SQL copies)`, fileBytes: 0,
  });
  if (reused !== undefined) {
    args.log(`  ${name}: reusing the loaded database`);
    return { url, dataset: await describeTen(reused, true) };
  }
  args.log(`  ${name}: the 1M table and ${COPIES} copies of its rows`);
  const { result } = await replicateDatabase({
    adminUrl: args.adminUrl, source: rollupDatabaseName('1m'), target: name, copies: COPIES, rollupProjects: args.rollupProjects, log: args.log,
  });
  if (result.rows !== rows) throw new Error(`${name}: ${result.rows} rows, expected ${rows}`);
  const load: LoadResult = { rows, importers: 0, seconds: result.copySeconds + result.indexSeconds, rowsPerSecond: rows / (result.copySeconds + result.indexSeconds), vacuumSeconds: result.vacuumSeconds };
  await withDatabase(url, (c) => writeMarker(c, { dataset: content, rows, loadSeconds: load.seconds, vacuumSeconds: load.vacuumSeconds, importers: 0 }));
  return { url, dataset: await describeTen(load, false) };
}
