// Writes the dataset as JSONL under bench/data/, once per (size, seed, generator version): rows in
// time order, split into consecutive parts so several importers can load it at once. A finished
// dataset is marked by a `.done` file and reused by later runs.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { GENERATOR_VERSION, makeRow, SIZES, WINDOW_END_MS, WINDOW_START_MS, type SizeName } from './dataset.js';
import { createRng } from './rng.js';

/** Consecutive parts per dataset: one importer each, one per core of the reference machine. */
export const DATASET_PARTS = 2;
const CHUNK_ROWS = 2_000;

export interface GeneratedDataset {
  name: string;
  parts: string[];
  rows: number;
  bytes: number;
  /** Seconds spent generating; 0 when the files were reused. */
  seconds: number;
  reused: boolean;
}

export function datasetName(size: SizeName, seed: number): string {
  return `feedback-${size}-seed${seed}-v${GENERATOR_VERSION}`;
}

async function writeChunk(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

export async function generateDataset(dataDir: string, size: SizeName, seed: number): Promise<GeneratedDataset> {
  mkdirSync(dataDir, { recursive: true });
  const name = datasetName(size, seed);
  const rows = SIZES[size];
  const parts = Array.from({ length: DATASET_PARTS }, (_, i) => join(dataDir, `${name}.part${i}.jsonl`));
  const done = join(dataDir, `${name}.done`);
  if (existsSync(done) && parts.every((p) => existsSync(p))) {
    return { name, parts, rows, bytes: Number(readFileSync(done, 'utf8')), seconds: 0, reused: true };
  }
  const started = performance.now();
  const rng = createRng(seed);
  const span = WINDOW_END_MS - WINDOW_START_MS;
  let bytes = 0;
  let part = 0;
  let out = createWriteStream(parts[0] as string, { encoding: 'utf8' });
  let chunk: string[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const text = `${chunk.join('\n')}\n`;
    chunk = [];
    bytes += Buffer.byteLength(text);
    await writeChunk(out, text);
  };
  for (let i = 0; i < rows; i++) {
    const partOfRow = Math.floor((i * DATASET_PARTS) / rows);
    if (partOfRow !== part) {
      await flush();
      await close(out);
      part = partOfRow;
      out = createWriteStream(parts[part] as string, { encoding: 'utf8' });
    }
    // Time-ordered with jitter, every project interleaved: how rows arrive in production.
    const createdAtMs = WINDOW_START_MS + Math.floor(((i + rng.next()) * span) / rows);
    chunk.push(JSON.stringify(makeRow(rng, createdAtMs)));
    if (chunk.length === CHUNK_ROWS) await flush();
  }
  await flush();
  await close(out);
  writeFileSync(done, String(bytes));
  return { name, parts, rows, bytes, seconds: (performance.now() - started) / 1000, reused: false };
}
