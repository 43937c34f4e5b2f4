// Writes with roll-ups kept against the same writes without them (FEEDBACK_ROLLUPS=on|off), in
// the same run and alternated (on, off, off, on, on, off, …), so a change of the machine's load
// weighs on both alike:
// - /feedback/create at concurrency 64 into one project (every request lands in the same cells),
//   then the rows committed must equal the 2xx answers;
// - `feedback-server import` of the same dataset into a fresh database, rows/s.
import { ROLLUP_TABLES } from './rollup-counts.js';
import { BENCH_KEY, serverEnv } from './engine-run.js';
import type { GeneratedDataset } from './generate.js';
import { benchIngest, medianRun, type IngestFigures } from './ingest-bench.js';
import { loadPostgres } from './load.js';
import { databaseUrl, recreateDatabase } from './pg-admin.js';
import { startServer } from './server-cli.js';
import { postgresRunner } from './sql-runner.js';

export type RollupMode = 'on' | 'off';

/** on/off in an order that balances drift: on off, off on, on off, … */
export function alternation(rounds: number): RollupMode[] {
  const out: RollupMode[] = [];
  for (let i = 0; i < rounds; i++) out.push(...(i % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)));
  return out;
}

export interface CreateOnOff {
  concurrency: number;
  requests: number;
  on: IngestFigures;
  off: IngestFigures;
  /** on ÷ off of the median runs' req/s. */
  ratio: number;
  /** The order the runs took. */
  order: RollupMode[];
}

export const INGEST_PROJECT_PREFIX = 'bench/ingest-';

export async function createOnOff(args: { url: string; runId: string; rounds: number; concurrency: number; requests: number; log: (s: string) => void }): Promise<CreateOnOff> {
  const runs: Record<RollupMode, IngestFigures[]> = { on: [], off: [] };
  const order = alternation(args.rounds);
  const runner = await postgresRunner(args.url);
  try {
    for (const [i, mode] of order.entries()) {
      const server = await startServer({ ...serverEnv({ DATABASE_URL: args.url }), FEEDBACK_ROLLUPS: mode });
      try {
        const project = `${INGEST_PROJECT_PREFIX}${args.runId}-rollups-${mode}-${i}`;
        const f = await benchIngest({ baseUrl: server.baseUrl, apiKey: BENCH_KEY, project, concurrency: args.concurrency, requests: args.requests, logLevel: 'warn', workers: 1, runner });
        args.log(`    create c=${args.concurrency}, roll-ups ${mode}: ${Math.round(f.requestsPerSecond)} req/s, p99 ${f.p99} ms, ${f.acknowledged} acknowledged, ${f.rowsCommitted} committed`);
        runs[mode].push(f);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await runner.close();
  }
  const on = medianRun(runs.on);
  const off = medianRun(runs.off);
  return { concurrency: args.concurrency, requests: args.requests, on, off, ratio: on.requestsPerSecond / off.requestsPerSecond, order };
}

export interface ImportRun {
  mode: RollupMode;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportOnOff {
  dataset: string;
  importers: number;
  runs: ImportRun[];
  /** Median rows/s per mode. */
  on: number;
  off: number;
  ratio: number;
}

const IMPORT_DATABASE = 'feedback_bench_import';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2;
}

/** Each run: a fresh database (migrated by the importers), the dataset's parts imported in parallel. */
export async function importOnOff(args: { adminUrl: string; files: GeneratedDataset; rounds: number; log: (s: string) => void }): Promise<ImportOnOff> {
  const runs: ImportRun[] = [];
  const url = databaseUrl(args.adminUrl, IMPORT_DATABASE);
  for (const mode of alternation(args.rounds)) {
    await recreateDatabase(args.adminUrl, IMPORT_DATABASE);
    const load = await loadPostgres(args.files, url, () => Promise.resolve(), { FEEDBACK_ROLLUPS: mode });
    args.log(`    import ${args.files.name}, roll-ups ${mode}: ${Math.round(load.rowsPerSecond)} rows/s (${load.seconds.toFixed(1)} s)`);
    runs.push({ mode, rows: load.rows, seconds: load.seconds, rowsPerSecond: load.rowsPerSecond });
  }
  const on = median(runs.filter((r) => r.mode === 'on').map((r) => r.rowsPerSecond));
  const off = median(runs.filter((r) => r.mode === 'off').map((r) => r.rowsPerSecond));
  return { dataset: args.files.name, importers: args.files.parts.length, runs, on, off, ratio: on / off };
}

/** Removes the create runs' rows and their roll-ups, so the database stays as loaded (for --reuse). */
export async function dropIngestRows(url: string): Promise<void> {
  const runner = await postgresRunner(url);
  try {
    const like = `${INGEST_PROJECT_PREFIX}%`;
    await runner.query('DELETE FROM feedback WHERE project_id LIKE $1', [like]);
    for (const t of ROLLUP_TABLES) {
      await runner.query(`DELETE FROM ${t} WHERE project_id LIKE $1`, [like]);
    }
    await runner.exec('VACUUM ANALYZE feedback');
  } finally {
    await runner.close();
  }
}
