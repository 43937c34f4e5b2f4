// `npm run bench -- --rollups`: the roll-up benchmark of issue #11 alone. The dataset is loaded
// with roll-ups kept (the importer writes them), then: roll-up rows against raw rows; each query
// of the issue's targets on the roll-up path, the raw path and the obvious SQL; create and import
// with roll-ups on vs off; PGlite vs PostgreSQL on the compare size. The load average is recorded
// at every phase (this machine is shared). Writes results/rollups/<size>.json, then RESULTS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchArgs } from './cli-args.js';
import { pgliteDataset, rollupPostgresDataset, DATA_DIR, type LoadedDataset } from './datasets.js';
import { PROJECT_COUNT, projectId, type SizeName } from './dataset.js';
import { generateDataset } from './generate.js';
import { BENCH_DIR, currentLoad, machineFacts, type MachineFacts } from './machine.js';
import { QUERY_PROJECT } from './queries.js';
import type { RollupEngineFigures } from './rollup-bench.js';
import { countRollups, expectRebuiltCompacted, type RollupCounts } from './rollup-counts.js';
import { benchRollupEngine } from './rollup-engine.js';
import { createOnOff, dropIngestRows, importOnOff, type CreateOnOff, type ImportOnOff } from './rollup-ingest.js';
import { writeResultsMarkdown } from './results-md.js';
import { runServerCli } from './server-cli.js';
import { pgliteRunner, postgresRunner } from './sql-runner.js';

export interface PhaseLoad {
  phase: string;
  at: string;
  /** 1-, 5- and 15-minute load averages when the phase ended. */
  load: [number, number, number];
}

export interface RollupVerify {
  project: string;
  code: number;
  output: string;
  seconds: number;
}

export interface RollupRunResults {
  kind: 'rollups';
  startedAt: string;
  finishedAt: string;
  minutes: number;
  args: Omit<BenchArgs, 'adminUrl'>;
  machine: MachineFacts;
  loads: PhaseLoad[];
  datasets: { label: string; dataset: LoadedDataset }[];
  /** `feedback-server rollups verify` of the queried project after the load (must report no difference). */
  verify: RollupVerify | null;
  counts: RollupCounts;
  engines: RollupEngineFigures[];
  create: CreateOnOff | null;
  import: ImportOnOff | null;
}

/**
 * Which projects the load rolls up: all of them, except in the 10M table (nine SQL copies of the
 * 1M one, replicate.ts), where only the queried project's roll-ups are recomputed: the others
 * keep the 1M table's roll-ups (rebuilding 9M rows no query reads would outlast the run here).
 */
function rolledUpProjects(size: SizeName): string[] {
  return size === '10m' ? [QUERY_PROJECT] : Array.from({ length: PROJECT_COUNT }, (_, i) => projectId(i));
}

const CREATE = { rounds: 3, concurrency: 64, requests: 20_000 };
const IMPORT_ROUNDS = 3;

export async function runRollups(args: BenchArgs, log: (line: string) => void): Promise<number> {
  const started = new Date();
  const admin = await postgresRunner(args.adminUrl);
  const machine = await machineFacts(admin).finally(() => admin.close());
  log(`feedback bench --rollups: ${args.size} on PostgreSQL ${machine.postgres}, ${machine.cores} cores, load ${machine.loadAtStart.toFixed(2)}`);
  const loads: PhaseLoad[] = [];
  const mark = (phase: string): void => {
    const [a = 0, b = 0, c = 0] = loadavg();
    const l: [number, number, number] = [a, b, c];
    loads.push({ phase, at: new Date().toISOString(), load: l });
    log(`  [load ${l.map((x) => x.toFixed(2)).join(' ')} after ${phase}]`);
  };
  const counts = { runs: args.runs, warmup: args.warmup, baselineRuns: args.baselineRuns };
  const datasets: RollupRunResults['datasets'] = [];
  const engines: RollupEngineFigures[] = [];

  const main = await rollupPostgresDataset({ adminUrl: args.adminUrl, size: args.size, seed: args.seed, reuse: args.reuse, rollupProjects: rolledUpProjects(args.size), log });
  datasets.push({ label: `PostgreSQL ${args.size}`, dataset: main.dataset });
  mark('load');
  if (args.loadOnly) {
    log(`  loaded ${main.dataset.name} (${main.dataset.rows} rows); run again with --reuse`);
    return 0;
  }
  // Verify recomputes the project from raw: ~10 minutes for 1M rows on these cores, so the 10M
  // table's run leaves it to the 1M one (the same code and layout) unless asked by hand.
  let verify: RollupVerify | null = null;
  if (args.size !== '10m') {
    const verified = await runServerCli(['rollups', 'verify', '--project', QUERY_PROJECT], { DATABASE_URL: main.url });
    log(`  rollups verify --project ${QUERY_PROJECT}: exit ${verified.code} (${verified.seconds.toFixed(1)} s) ${verified.output.trim().split('\n').slice(-3).join(' | ')}`);
    verify = { project: QUERY_PROJECT, ...verified };
    mark('verify');
  }
  const runner = await postgresRunner(main.url);
  // The state the timed queries assume: one row per key, nothing left for the compactor.
  await expectRebuiltCompacted(runner);
  const rollupCounts = await countRollups(runner, QUERY_PROJECT, { layouts: true }).finally(() => runner.close());
  log(`  roll-up rows: ${rollupCounts.tables.map((t) => `${t.table} ${Object.values(t.rowsByLevel).reduce((a, b) => a + b, 0)}`).join(', ')}; raw ${rollupCounts.rawRows} (${rollupCounts.notRolledUp} not rolled up)`);
  mark('counts');

  engines.push(await benchRollupEngine({
    label: `PostgreSQL ${args.size}`, engine: 'postgres', tableRows: main.dataset.rows,
    storage: { DATABASE_URL: main.url }, counts, openRunner: () => postgresRunner(main.url), log,
  }));
  mark(`queries PostgreSQL ${args.size}`);

  let create: CreateOnOff | null = null;
  let imported: ImportOnOff | null = null;
  if (args.ingest) {
    log('  ingest: roll-ups on vs off, alternated');
    create = await createOnOff({ url: main.url, runId: started.getTime().toString(36), ...CREATE, log });
    await dropIngestRows(main.url);
    mark('create on/off');
    const files = await generateDataset(DATA_DIR, args.compareSize ?? '100k', args.seed);
    imported = await importOnOff({ adminUrl: args.adminUrl, files, rounds: IMPORT_ROUNDS, log });
    mark('import on/off');
  }

  if (args.compareSize !== null) {
    const size = args.compareSize;
    log(`  PGlite vs PostgreSQL, ${size}`);
    const pg = size === args.size ? main : await rollupPostgresDataset({ adminUrl: args.adminUrl, size, seed: args.seed, reuse: args.reuse, rollupProjects: rolledUpProjects(size), log });
    if (size !== args.size) {
      datasets.push({ label: `PostgreSQL ${size}`, dataset: pg.dataset });
      engines.push(await benchRollupEngine({
        label: `PostgreSQL ${size}`, engine: 'postgres', tableRows: pg.dataset.rows,
        storage: { DATABASE_URL: pg.url }, counts, openRunner: () => postgresRunner(pg.url), log,
      }));
      mark(`queries PostgreSQL ${size}`);
    }
    const lite = await pgliteDataset(size, args.seed, log, rolledUpProjects(size), args.reuse);
    datasets.push({ label: `PGlite ${size}`, dataset: lite.dataset });
    engines.push(await benchRollupEngine({
      label: `PGlite ${size}`, engine: 'pglite', tableRows: lite.dataset.rows,
      storage: { DATABASE_URL: '', FEEDBACK_DATA_DIR: lite.dataDir }, counts, openRunner: () => pgliteRunner(lite.dataDir), log,
    }));
    mark(`queries PGlite ${size}`);
  }

  machine.loadAtEnd = currentLoad();
  const finished = new Date();
  const { adminUrl: _hidden, ...shownArgs } = args;
  const results: RollupRunResults = {
    kind: 'rollups',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    minutes: (finished.getTime() - started.getTime()) / 60_000,
    args: shownArgs,
    machine,
    loads,
    datasets,
    verify,
    counts: rollupCounts,
    engines,
    create,
    import: imported,
  };
  const dir = join(BENCH_DIR, 'results', 'rollups');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${args.size}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const md = writeResultsMarkdown(join(BENCH_DIR, 'results'), join(BENCH_DIR, 'RESULTS.md'));
  log(`wrote results/rollups/${args.size}.json and ${md} (${results.minutes.toFixed(1)} minutes)`);
  return 0;
}
