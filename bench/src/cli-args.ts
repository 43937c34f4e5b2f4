// The benchmark's command-line flags (after `npm run bench --`), with the defaults that fit the
// whole run in about ten minutes on the reference machine (2 cores).
import { parseArgs } from 'node:util';
import { isSizeName, type SizeName } from './dataset.js';

export interface BenchArgs {
  size: SizeName;
  /** Size of the PGlite-vs-PostgreSQL comparison, or null to skip it. */
  compareSize: SizeName | null;
  runs: number;
  warmup: number;
  baselineRuns: number;
  ingest: boolean;
  /** Only the batch-create ingest benchmark, on a fresh empty database of its own (no dataset). */
  batchIngestOnly: boolean;
  /** Only the roll-up benchmark (issue #11): roll-up path vs raw path vs obvious SQL, ingest on vs off. */
  rollups: boolean;
  /** With --rollups: only generate and load the datasets (for --reuse later), no benchmark. */
  loadOnly: boolean;
  seed: number;
  reuse: boolean;
  adminUrl: string;
}

export const USAGE = `Usage: npm run bench -- [options]

  --size 100k|1m|10m     dataset on PostgreSQL (default 1m: each project has 100k rows)
  --compare-size SIZE    PGlite vs PostgreSQL on this size (default 100k), or "none"
  --runs N               timed runs per query (default 20), after --warmup runs (default 3)
  --baseline-runs N      timed runs of the obvious SQL (default 5: it takes seconds at 10m)
  --no-ingest            skip the /feedback/create and /feedback/batch/create benchmarks
  --batch-ingest-only    only the /feedback/batch/create benchmark (vs COPY), on a fresh database
                         feedback_bench_batch; no dataset is generated or loaded (~1 minute)
  --rollups              only the roll-up benchmark: each query on the roll-up path, the raw path and
                         the obvious SQL side by side; roll-up rows against raw rows; create and
                         import with roll-ups on vs off (alternated); PGlite vs PostgreSQL on
                         --compare-size. Writes results/rollups/<size>.json
  --load-only            with --rollups: only load its databases (then run with --reuse)
  --seed N               dataset seed (default 42)
  --reuse                keep a database already loaded with the same dataset (skips the load)
  --render               only rewrite RESULTS.md from results/*.json and results/notes.md (no database needed)
  --database-url URL     admin connection (default $DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres);
                         the benchmark creates its own databases feedback_bench_<size>`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${raw}`);
  return n;
}

function size(name: string, raw: string): SizeName {
  if (!isSizeName(raw)) throw new Error(`--${name} must be 100k, 1m or 10m, got ${raw}`);
  return raw;
}

export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv): BenchArgs | 'help' | 'render' {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string' },
      'compare-size': { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'baseline-runs': { type: 'string' },
      'no-ingest': { type: 'boolean' },
      'batch-ingest-only': { type: 'boolean' },
      rollups: { type: 'boolean' },
      'load-only': { type: 'boolean' },
      seed: { type: 'string' },
      reuse: { type: 'boolean' },
      'database-url': { type: 'string' },
      render: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (values.render === true) return 'render';
  const compare = values['compare-size'] ?? '100k';
  return {
    size: size('size', values.size ?? '1m'),
    compareSize: compare === 'none' ? null : size('compare-size', compare),
    runs: Math.max(1, positiveInt('runs', values.runs, 20)),
    warmup: positiveInt('warmup', values.warmup, 3),
    baselineRuns: Math.max(1, positiveInt('baseline-runs', values['baseline-runs'], 5)),
    ingest: values['no-ingest'] !== true,
    batchIngestOnly: values['batch-ingest-only'] === true,
    rollups: values.rollups === true,
    loadOnly: values['load-only'] === true,
    seed: positiveInt('seed', values.seed, 42),
    reuse: values.reuse === true,
    adminUrl: values['database-url'] ?? (env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres'),
  };
}
