// One engine over one loaded dataset: start the server on it, time the queries over HTTP, then
// the SQL variants straight through the driver, and stop. While the SQL variants run, the table
// also has the narrow (project_id, created_at) index the floor and the obvious SQL read.
import { createFeedbackClient } from '@feedback/sdk';
import { QUERY_PROJECT } from './queries.js';
import { benchHttp, benchSql, type QueryFigures, type RunCounts } from './query-bench.js';
import { querySpecs } from './query-specs.js';
import { startServer, type RunningServer, type ServerEnv } from './server-cli.js';
import type { SqlRunner } from './sql-runner.js';
import { timeRuns, type Timing } from './timing.js';

export const BENCH_KEY = 'bench-key-0123456789abcdef';
export const BENCH_USER = 'bench';

export function serverEnv(storage: ServerEnv, logLevel = 'warn'): ServerEnv {
  return {
    ...storage,
    LOG_LEVEL: logLevel,
    // The first, cold read of a 1M-row window on this machine can outlast the 15 s default.
    FEEDBACK_STATEMENT_TIMEOUT_MS: '300000',
    FEEDBACK_API_KEYS: JSON.stringify([{ key: BENCH_KEY, user: BENCH_USER, projects: ['bench/*'] }]),
    // One key from one address sends far more than the default limits (60,000 and 120,000 a
    // minute): the limits stay on, so their cost is in every figure, but never refuse.
    FEEDBACK_RATE_LIMIT_PER_KEY: '1000000000',
    FEEDBACK_RATE_LIMIT_PER_ADDRESS: '1000000000',
  };
}

// The newcomer's SQL reads through this index (migration 001 had it); the floor counts it.
const FLOOR_INDEX = 'bench_floor_project_created_at';

export async function addFloorIndex(runner: SqlRunner): Promise<void> {
  await runner.exec(`CREATE INDEX IF NOT EXISTS ${FLOOR_INDEX} ON feedback (project_id, created_at)`);
  await runner.exec('VACUUM ANALYZE feedback');
}

export async function dropFloorIndex(runner: SqlRunner): Promise<void> {
  await runner.exec(`DROP INDEX IF EXISTS ${FLOOR_INDEX}`);
}

export interface EngineQueries {
  label: string;
  engine: 'postgres' | 'pglite';
  tableRows: number;
  figures: QueryFigures[];
  /** GET /healthz through the same client: an HTTP round trip with no database and no body (older files: none). */
  roundTrip?: Timing;
}

/**
 * `openRunner` is called once the HTTP phase is over; for PGlite the server must be stopped by
 * then (one process per data directory), so `server` is stopped first when `stopBeforeSql`.
 */
export async function benchEngine(args: {
  label: string;
  engine: 'postgres' | 'pglite';
  tableRows: number;
  storage: ServerEnv;
  counts: RunCounts;
  openRunner: () => Promise<SqlRunner>;
  log: (line: string) => void;
}): Promise<EngineQueries> {
  const specs = querySpecs(QUERY_PROJECT);
  const server: RunningServer = await startServer(serverEnv(args.storage));
  let figures: QueryFigures[];
  let roundTrip: Timing | undefined;
  try {
    const client = createFeedbackClient({ baseUrl: server.baseUrl, apiKey: BENCH_KEY, retries: 0, timeoutMs: 300_000 });
    args.log(`  ${args.label}: HTTP, ${args.counts.runs} runs per query`);
    // PostgreSQL takes a second connection while the server runs: time HTTP and direct in turns.
    const paired = args.engine === 'postgres' ? await args.openRunner() : undefined;
    const http = await benchHttp(specs, client, args.counts, paired).finally(() => paired?.close());
    roundTrip = await timeRuns(args.counts.runs * 5, args.counts.warmup, () => client.healthz());
    if (args.engine === 'pglite') await server.stop();
    const runner = await args.openRunner();
    try {
      args.log(`  ${args.label}: direct, obvious and floor SQL`);
      await addFloorIndex(runner);
      figures = await benchSql(specs, http, runner, args.counts);
      await dropFloorIndex(runner);
    } finally {
      await runner.close();
    }
  } finally {
    await server.stop();
  }
  for (const f of figures) {
    args.log(`    ${f.id.padEnd(18)} rows ${String(f.rows).padStart(8)}  http p50 ${f.http.p50.toFixed(1)} ms  direct ${f.direct.p50.toFixed(1)}  obvious ${f.obvious.p50.toFixed(1)}  floor ${f.floor.p50.toFixed(1)}`);
  }
  if (roundTrip !== undefined) args.log(`    HTTP round trip (GET /healthz) p50 ${roundTrip.p50.toFixed(2)} ms`);
  return { label: args.label, engine: args.engine, tableRows: args.tableRows, figures, ...(roundTrip === undefined ? {} : { roundTrip }) };
}
