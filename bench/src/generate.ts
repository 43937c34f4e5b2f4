// Writes the dataset as JSONL under bench/data/, once per (size, seed, generator version): a
// finished file is marked by a sidecar `.done` and reused by later runs.
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { GENERATOR_VERSION, makeRow, SIZES, WINDOW_END_MS, WINDOW_START_MS, type SizeName } from './dataset.js';
import { createRng } from './rng.js';

export interface GeneratedFile {
  path: string;
  rows: number;
  bytes: number;
  /** Seconds spent generating; 0 when the file was reused. */
  seconds: number;
  reused: boolean;
}

const CHUNK_ROWS = 2_000;

export function datasetPath(dataDir: string, size: SizeName, seed: number): string {
  return join(dataDir, `feedback-${size}-seed${seed}-v${GENERATOR_VERSION}.jsonl`);
}

export async function generateDataset(dataDir: string, size: SizeName, seed: number): Promise<GeneratedFile> {
  mkdirSync(dataDir, { recursive: true });
  const path = datasetPath(dataDir, size, seed);
  const done = `${path}.done`;
  const rows = SIZES[size];
  if (existsSync(done)) {
    const bytes = Number(await import('node:fs/promises').then((fs) => fs.readFile(done, 'utf8')));
    return { path, rows, bytes, seconds: 0, reused: true };
  }
  const started = performance.now();
  const rng = createRng(seed);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const span = WINDOW_END_MS - WINDOW_START_MS;
  let bytes = 0;
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    // Time-ordered with jitter, every project interleaved: how rows arrive in production.
    const createdAtMs = WINDOW_START_MS + Math.floor(((i + rng.next()) * span) / rows);
    chunk.push(JSON.stringify(makeRow(rng, createdAtMs)));
    if (chunk.length === CHUNK_ROWS || i === rows - 1) {
      const text = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      chunk = [];
      if (!out.write(text)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  writeFileSync(done, String(bytes));
  return { path, rows, bytes, seconds: (performance.now() - started) / 1000, reused: false };
}
