// Getting a dataset into an engine: generate (or reuse) the files, then load them into a fresh
// PostgreSQL database or PGlite directory, or keep one already loaded when --reuse says so.
import { join } from 'node:path';
import { SIZES, type SizeName } from './dataset.js';
import { generateDataset, type GeneratedDataset } from './generate.js';
import { loadPglite, loadPostgres, type LoadResult } from './load.js';
import { BENCH_DIR } from './machine.js';
import { databaseExists, databaseUrl, readMarker, recreateDatabase, withDatabase, writeMarker } from './pg-admin.js';
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

export async function pgliteDataset(size: SizeName, seed: number, log: (s: string) => void): Promise<{ dataDir: string; dataset: LoadedDataset }> {
  const files = await generateDataset(DATA_DIR, size, seed);
  const dataDir = join(DATA_DIR, `pglite-${files.name}`);
  log(`  PGlite ${files.name}: loading ${files.rows} rows with 1 importer`);
  const load = await loadPglite(files, dataDir, async () => {
    const runner = await pgliteRunner(dataDir);
    await runner.exec('VACUUM ANALYZE feedback');
    await runner.close();
  });
  log(`  PGlite: ${Math.round(load.rowsPerSecond)} rows/s, vacuum ${load.vacuumSeconds.toFixed(1)} s`);
  const runner = await pgliteRunner(dataDir);
  const sizes = (await runner.query(SIZE_SQL))[0];
  await runner.close();
  return {
    dataDir,
    dataset: {
      size, name: files.name, rows: load.rows, fileBytes: files.bytes, generateSeconds: files.seconds, load, reusedLoad: false,
      tableBytes: Number(sizes?.['t'] ?? 0), indexBytes: Number(sizes?.['i'] ?? 0),
    },
  };
}
