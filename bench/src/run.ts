// `npm run bench`: generate and load the datasets, run every benchmark, write results/<size>.json
// and regenerate RESULTS.md from all result files. Progress goes to stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBenchArgs, USAGE, type BenchArgs } from './cli-args.js';
import { DATA_DIR, pgliteDataset, postgresDataset, type LoadedDataset } from './datasets.js';
import { benchEngine, BENCH_KEY, serverEnv, type EngineQueries } from './engine-run.js';
import { benchBatchIngest, describeBatchIngest, type BatchIngestFigures } from './batch-ingest-bench.js';
import { benchIngest, createBody, medianRun, type IngestFigures } from './ingest-bench.js';
import { databaseUrl, recreateDatabase } from './pg-admin.js';
import { httpCeiling, profileDir, summariseProfile, type PackageShare } from './ingest-profile.js';
import { BENCH_DIR, currentLoad, machineFacts, type MachineFacts } from './machine.js';
import { writeResultsMarkdown } from './results-md.js';
import { runRollups } from './rollup-run.js';
import { startServer } from './server-cli.js';
import { pgliteRunner, postgresRunner } from './sql-runner.js';

export interface RunResults {
  startedAt: string;
  finishedAt: string;
  minutes: number;
  args: Omit<BenchArgs, 'adminUrl'>;
  machine: MachineFacts;
  datasets: { label: string; dataset: LoadedDataset }[];
  queries: EngineQueries[];
  ingest: IngestFigures[];
  /** A bare node:http server's req/s under the c=64 load: the ceiling of any Node server here. */
  bareHttpCeiling: number | null;
  /** Express 5 + express.json answering the same request (older result files have none). */
  expressCeiling?: number | null;
  /** Where the server's CPU goes during the c=64 create load (--cpu-prof, share per package). */
  ingestProfile: PackageShare[];
  /** /feedback/batch/create against COPY of the same rows (older result files have none). */
  batchIngest?: BatchIngestFigures | null;
}

// Batches of 1,000 rows, as many at once as the server writes (its batch gate admits 4).
const BATCH_INGEST = { batches: 100, concurrency: 4 };
const BATCH_INGEST_DATABASE = 'feedback_bench_batch';

async function runBatchIngest(url: string, runId: string): Promise<BatchIngestFigures> {
  const figures = await benchBatchIngest({ databaseUrl: url, runId, ...BATCH_INGEST, log });
  for (const line of describeBatchIngest(figures)) log(line);
  return figures;
}

/** `--batch-ingest-only`: the batch-create benchmark alone, on an empty database of its own. */
async function batchIngestOnly(args: BenchArgs): Promise<number> {
  await recreateDatabase(args.adminUrl, BATCH_INGEST_DATABASE);
  const admin = await postgresRunner(args.adminUrl);
  const machine = await machineFacts(admin).finally(() => admin.close());
  log(`feedback bench: batch create only, on PostgreSQL ${machine.postgres}, ${machine.cores} cores, load ${machine.loadAtStart.toFixed(2)}`);
  const startedAt = new Date();
  const figures = await runBatchIngest(databaseUrl(args.adminUrl, BATCH_INGEST_DATABASE), startedAt.getTime().toString(36));
  machine.loadAtEnd = currentLoad();
  const dir = join(BENCH_DIR, 'results', 'batch-ingest');
  mkdirSync(dir, { recursive: true });
  // Beside the full runs' results/<size>.json, not among them: RESULTS.md renders those.
  writeFileSync(join(dir, 'last.json'), `${JSON.stringify({ startedAt: startedAt.toISOString(), machine, batchIngest: figures }, null, 2)}\n`);
  log(`wrote results/batch-ingest/last.json (load ${machine.loadAtEnd.toFixed(2)} at the end)`);
  return 0;
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const INGEST_REPEATS = 3;
const INGEST_PLAN: [concurrency: number, requests: number, logLevel: string, workers: number][] = [
  [1, 1_000, 'warn', 1],
  [16, 10_000, 'warn', 1],
  [64, 20_000, 'warn', 1],
  // The same load with one log line per request, the server's default level.
  [64, 20_000, 'info', 1],
  // Two HTTP worker processes (FEEDBACK_WORKERS=2) sharing the cores with the load generator.
  [64, 20_000, 'warn', 2],
];

interface IngestResults {
  figures: IngestFigures[];
  ceiling: number;
  expressCeiling: number;
  profile: PackageShare[];
}

async function runIngest(url: string, runId: string): Promise<IngestResults> {
  const figures: IngestFigures[] = [];
  const runner = await postgresRunner(url);
  let profile: PackageShare[] = [];
  try {
    const plan: [concurrency: number, requests: number, logLevel: string, workers: number, profiled: boolean][] = [
      ...INGEST_PLAN.map(([c, n, level, w]): [number, number, string, number, boolean] => [c, n, level, w, false]),
      [64, 10_000, 'warn', 1, true],
    ];
    for (const [concurrency, requests, logLevel, workers, profiled] of plan) {
      const dir = profiled ? profileDir(DATA_DIR) : undefined;
      const flags = dir === undefined ? {} : { BENCH_NODE_FLAGS: `--cpu-prof --cpu-prof-dir=${dir}` };
      const server = await startServer({ ...serverEnv({ DATABASE_URL: url }, logLevel), FEEDBACK_WORKERS: String(workers), ...flags });
      try {
        // This machine's throughput varies run to run: each configuration runs INGEST_REPEATS
        // times against the same server and reports the median.
        const runs: IngestFigures[] = [];
        for (let repeat = 0; repeat < (profiled ? 1 : INGEST_REPEATS); repeat++) {
          const project = `bench/ingest-${runId}-c${concurrency}-${logLevel}-w${workers}-r${repeat}${profiled ? '-profiled' : ''}`;
          runs.push(await benchIngest({ baseUrl: server.baseUrl, apiKey: BENCH_KEY, project, concurrency, requests, logLevel, workers, runner }));
        }
        if (!profiled) {
          const f = medianRun(runs);
          const range = runs.map((r) => Math.round(r.requestsPerSecond)).sort((a, b) => a - b).join(' / ');
          log(`  create c=${concurrency} (LOG_LEVEL=${logLevel}, ${workers} worker${workers > 1 ? 's' : ''}): ${Math.round(f.requestsPerSecond)} req/s (runs ${range}), p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.acknowledged} acknowledged, ${f.rowsCommitted} committed`);
          figures.push(f);
        }
      } finally {
        await server.stop();
      }
      // The profile is written when the server exits.
      if (dir !== undefined) profile = summariseProfile(dir);
    }
    // Ingest rows are not part of the dataset: leave the database as loaded, for --reuse.
    await runner.query("DELETE FROM feedback WHERE project_id LIKE 'bench/ingest-%'");
    await runner.exec('VACUUM ANALYZE feedback');
  } finally {
    await runner.close();
  }
  const ceiling = await httpCeiling('node:http', createBody('bench/ceiling'), 64, 20_000);
  log(`  bare node:http server, c=64: ${Math.round(ceiling)} req/s`);
  const expressCeiling = await httpCeiling('express', createBody('bench/ceiling'), 64, 20_000);
  log(`  bare Express server, c=64: ${Math.round(expressCeiling)} req/s`);
  return { figures, ceiling, expressCeiling, profile };
}

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2), process.env);
  if (parsed === 'help') {
    log(USAGE);
    return 0;
  }
  if (parsed === 'render') {
    log(`wrote ${writeResultsMarkdown(join(BENCH_DIR, 'results'), join(BENCH_DIR, 'RESULTS.md'))}`);
    return 0;
  }
  const args = parsed;
  if (args.batchIngestOnly) return batchIngestOnly(args);
  if (args.rollups) return runRollups(args, log);
  const started = new Date();
  const admin = await postgresRunner(args.adminUrl);
  const machine = await machineFacts(admin).finally(() => admin.close());
  log(`feedback bench: ${args.size} on PostgreSQL ${machine.postgres}, ${machine.cores} cores, load ${machine.loadAtStart.toFixed(2)}`);
  const counts = { runs: args.runs, warmup: args.warmup, baselineRuns: args.baselineRuns };
  const datasets: RunResults['datasets'] = [];
  const queries: EngineQueries[] = [];

  log(`PostgreSQL, ${args.size}`);
  const main = await postgresDataset(args.adminUrl, args.size, args.seed, args.reuse, log);
  datasets.push({ label: `PostgreSQL ${args.size}`, dataset: main.dataset });
  queries.push(await benchEngine({
    label: `PostgreSQL ${args.size}`, engine: 'postgres', tableRows: main.dataset.rows,
    storage: { DATABASE_URL: main.url }, counts, openRunner: () => postgresRunner(main.url), log,
  }));
  const ingest = args.ingest ? await runIngest(main.url, started.getTime().toString(36)) : undefined;
  const batchIngest = args.ingest ? await runBatchIngest(main.url, started.getTime().toString(36)) : null;

  if (args.compareSize !== null) {
    const size = args.compareSize;
    log(`PGlite vs PostgreSQL, ${size}`);
    const pg = size === args.size ? main : await postgresDataset(args.adminUrl, size, args.seed, args.reuse, log);
    if (size !== args.size) {
      datasets.push({ label: `PostgreSQL ${size}`, dataset: pg.dataset });
      queries.push(await benchEngine({
        label: `PostgreSQL ${size}`, engine: 'postgres', tableRows: pg.dataset.rows,
        storage: { DATABASE_URL: pg.url }, counts, openRunner: () => postgresRunner(pg.url), log,
      }));
    }
    const lite = await pgliteDataset(size, args.seed, log);
    datasets.push({ label: `PGlite ${size}`, dataset: lite.dataset });
    queries.push(await benchEngine({
      label: `PGlite ${size}`, engine: 'pglite', tableRows: lite.dataset.rows,
      storage: { DATABASE_URL: '', FEEDBACK_DATA_DIR: lite.dataDir }, counts, openRunner: () => pgliteRunner(lite.dataDir), log,
    }));
  }

  machine.loadAtEnd = currentLoad();
  const finished = new Date();
  const { adminUrl: _hidden, ...shownArgs } = args;
  const results: RunResults = {
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    minutes: (finished.getTime() - started.getTime()) / 60_000,
    args: shownArgs,
    machine,
    datasets,
    queries,
    ingest: ingest?.figures ?? [],
    bareHttpCeiling: ingest?.ceiling ?? null,
    expressCeiling: ingest?.expressCeiling ?? null,
    ingestProfile: ingest?.profile ?? [],
    batchIngest,
  };
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${args.size}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const md = writeResultsMarkdown(dir, join(BENCH_DIR, 'RESULTS.md'));
  log(`wrote ${md} (${results.minutes.toFixed(1)} minutes)`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    // A failed step may leave a client or child handle open: do not wait for it.
    process.exit(1);
  },
);
