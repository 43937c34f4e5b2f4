// The dashboard benchmark's dataset: 100,000 rows in ONE project (the benchmark's other datasets
// spread their rows over ten), March 2024 across New York's DST change, drawn by the same row
// generator as the query benchmarks (makeRow) so payloads, tags and ratings look the same.
// Written once as JSONL under bench/data/ and reused; `feedback-server import` loads it.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ENTITY, GENERATOR_VERSION, makeRow, WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';
import { createRng } from './rng.js';

export const DASHBOARD_PROJECT = `${ENTITY}/dashboard`;
export const DASHBOARD_ROWS = 100_000;

export interface DashboardDataset {
  file: string;
  rows: number;
  bytes: number;
  /** Seconds spent generating; 0 when the file was reused. */
  seconds: number;
}

/** makeRow picks one of ten projects; every ref and id of the row is moved into ours. */
function intoProject(line: string): string {
  return line.replace(new RegExp(`${ENTITY}/project-\\d\\d`, 'g'), DASHBOARD_PROJECT);
}

export async function dashboardDataset(dataDir: string, seed: number): Promise<DashboardDataset> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `dashboard-100k-seed${seed}-v${GENERATOR_VERSION}.jsonl`);
  const done = `${file}.done`;
  if (existsSync(done) && existsSync(file)) return { file, rows: DASHBOARD_ROWS, bytes: Number(readFileSync(done, 'utf8')), seconds: 0 };
  const started = performance.now();
  const rng = createRng(seed);
  const span = WINDOW_END_MS - WINDOW_START_MS;
  const out = createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  let chunk: string[] = [];
  for (let i = 0; i < DASHBOARD_ROWS; i++) {
    const createdAtMs = WINDOW_START_MS + Math.floor(((i + rng.next()) * span) / DASHBOARD_ROWS);
    chunk.push(intoProject(JSON.stringify(makeRow(rng, createdAtMs))));
    if (chunk.length === 2_000 || i === DASHBOARD_ROWS - 1) {
      const text = `${chunk.join('\n')}\n`;
      chunk = [];
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  writeFileSync(done, String(bytes));
  return { file, rows: DASHBOARD_ROWS, bytes, seconds: (performance.now() - started) / 1000 };
}
