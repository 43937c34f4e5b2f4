// Loads a generated dataset with `feedback-server import` (PostgreSQL: one importer per part, in
// parallel; PGlite: one importer, it is embedded), then vacuums so the visibility map is set as
// autovacuum would leave it, and checks that every row arrived.
import { rmSync } from 'node:fs';
import type { GeneratedDataset } from './generate.js';
import { importFiles } from './server-cli.js';

export interface LoadResult {
  rows: number;
  importers: number;
  seconds: number;
  rowsPerSecond: number;
  vacuumSeconds: number;
}

function importedRows(output: string): number {
  const m = /imported (\d+) rows/.exec(output);
  if (m?.[1] === undefined) throw new Error(`unexpected importer output: ${output}`);
  return Number(m[1]);
}

function checkAllRows(dataset: GeneratedDataset, rows: number): void {
  if (rows !== dataset.rows) {
    throw new Error(`${dataset.name}: imported ${rows} rows of ${dataset.rows}; the dataset would be incomplete`);
  }
}

export async function loadPostgres(
  dataset: GeneratedDataset,
  url: string,
  vacuum: () => Promise<void>,
  env: Record<string, string> = {},
): Promise<LoadResult> {
  const started = performance.now();
  const results = await Promise.all(dataset.parts.map((part) => importFiles([part], { ...env, DATABASE_URL: url })));
  const seconds = (performance.now() - started) / 1000;
  const rows = results.reduce((n, r) => n + importedRows(r.output), 0);
  checkAllRows(dataset, rows);
  const vacuumStarted = performance.now();
  await vacuum();
  return {
    rows,
    importers: dataset.parts.length,
    seconds,
    rowsPerSecond: rows / seconds,
    vacuumSeconds: (performance.now() - vacuumStarted) / 1000,
  };
}

export async function loadPglite(dataset: GeneratedDataset, dataDir: string, vacuum: () => Promise<void>, env: Record<string, string> = {}): Promise<LoadResult> {
  rmSync(dataDir, { recursive: true, force: true });
  const { seconds, output } = await importFiles(dataset.parts, { ...env, FEEDBACK_DATA_DIR: dataDir, DATABASE_URL: '' });
  const rows = importedRows(output);
  checkAllRows(dataset, rows);
  const vacuumStarted = performance.now();
  await vacuum();
  return { rows, importers: 1, seconds, rowsPerSecond: rows / seconds, vacuumSeconds: (performance.now() - vacuumStarted) / 1000 };
}
