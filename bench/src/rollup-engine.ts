// Drives one engine through the roll-up benchmark: servers up for the HTTP phase (the roll-up
// path as deployed, and a way to the raw path for the same request), then the SQL phase.
// PostgreSQL: a server with FEEDBACK_ROLLUPS=on and one with =off on the same database, both up,
// timed in turn. PGlite (one process per data directory): the "on" server, then the "off" one.
import { BENCH_KEY, serverEnv } from './engine-run.js';
import { QUERY_PROJECT } from './queries.js';
import { benchRollupHttp, benchRollupSql, describeRollupFigures, type RollupEngineFigures } from './rollup-bench.js';
import { httpCaller } from './rollup-paths.js';
import { rollupQueries } from './rollup-queries.js';
import { pathStatements } from './rollup-statements.js';
import type { RunCounts } from './query-bench.js';
import { startServer, type RunningServer, type ServerEnv } from './server-cli.js';
import type { SqlRunner } from './sql-runner.js';

async function healthz(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/healthz`);
  await res.arrayBuffer();
}

export async function benchRollupEngine(args: {
  label: string;
  engine: 'postgres' | 'pglite';
  tableRows: number;
  storage: ServerEnv;
  counts: RunCounts;
  openRunner: () => Promise<SqlRunner>;
  log: (line: string) => void;
}): Promise<RollupEngineFigures> {
  const queries = rollupQueries(QUERY_PROJECT);
  const env = serverEnv(args.storage);
  const servers: RunningServer[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of servers.splice(0)) await s.stop();
  };
  let http;
  try {
    const on = await startServer({ ...env, FEEDBACK_ROLLUPS: 'on' });
    servers.push(on);
    const rollup = httpCaller(on.baseUrl, BENCH_KEY);
    args.log(`  ${args.label}: HTTP, roll-up path vs raw path, ${args.counts.runs} runs per query`);
    if (args.engine === 'postgres') {
      const off = await startServer({ ...env, FEEDBACK_ROLLUPS: 'off' });
      servers.push(off);
      const runner = await args.openRunner();
      try {
        http = await benchRollupHttp({
          queries,
          statements: pathStatements,
          counts: args.counts,
          phase: { rollup, raw: httpCaller(off.baseUrl, BENCH_KEY), together: true, healthz: () => healthz(on.baseUrl), runner },
        });
      } finally {
        await runner.close();
      }
    } else {
      let rawBase = '';
      http = await benchRollupHttp({
        queries,
        statements: pathStatements,
        counts: args.counts,
        phase: {
          rollup,
          raw: { call: (q) => httpCaller(rawBase, BENCH_KEY).call(q) },
          together: false,
          switchToRaw: async () => {
            await stopAll();
            const off = await startServer({ ...env, FEEDBACK_ROLLUPS: 'off' });
            servers.push(off);
            rawBase = off.baseUrl;
          },
          healthz: () => healthz(rawBase),
        },
      });
    }
  } finally {
    await stopAll();
  }
  args.log(`  ${args.label}: obvious SQL, floor, rows read`);
  const runner = await args.openRunner();
  let figures;
  try {
    figures = await benchRollupSql({ queries, http: http.results, runner, statements: pathStatements, counts: args.counts, log: args.log });
  } finally {
    await runner.close();
  }
  for (const line of describeRollupFigures(args.label, figures)) args.log(line);
  return { label: args.label, engine: args.engine, tableRows: args.tableRows, figures, roundTrip: http.roundTrip };
}
