// /feedback/batch/create over HTTP with batches of 1,000 rows, against the same rows written
// straight into PostgreSQL from this process, in the same run: COPY FROM STDIN (CSV, one stream of
// every row; PostgreSQL's fastest load, the ceiling) and the server's own INSERT statement (one per
// batch of 1,000, in sequence; what the HTTP path adds to it is HTTP, JSON, validation and rules).
// The methods run REPEATS times each, interleaved (HTTP, INSERT, COPY, HTTP, …), so a change in the
// shared machine's load touches all three alike; medians are reported with every run.
import { checkCreateRequest, uuidv7 } from '@feedback/semantics';
import { insertFeedback, toInsertRow, type FeedbackInsertRow, type Queryable } from '@feedback/server';
import pg from 'pg';
import { BENCH_KEY, BENCH_USER, serverEnv } from './engine-run.js';
import { createBody } from './ingest-bench.js';
import { runLoad } from './load-generator.js';
import { copyCsv, csvField } from './pg-copy.js';
import { startServer } from './server-cli.js';

export const BATCH_ROWS = 1_000;
const REPEATS = 3;
const WARMUP_BATCHES = 5;

export interface BatchMethodFigures {
  rows: number;
  /** Median run. */
  seconds: number;
  rowsPerSecond: number;
  /** rows/s of every run, ascending. */
  runs: number[];
}

export interface BatchIngestFigures {
  batchRows: number;
  /** Batches per HTTP run (each INSERT and COPY run writes as many rows). */
  batches: number;
  /** HTTP connections sending batches at once. */
  concurrency: number;
  http: BatchMethodFigures & { p50Ms: number; p99Ms: number; failedRequests: number; rowsCommitted: number };
  insert: BatchMethodFigures;
  copy: BatchMethodFigures;
  /** Median HTTP rows/s over median COPY rows/s. */
  httpShareOfCopy: number;
  /** Rows of the HTTP runs the server stored as not `covered` (the COPY runs store every row covered). */
  httpRowsUncovered: number;
}

interface Run {
  rows: number;
  seconds: number;
}

function summary(runs: readonly Run[]): BatchMethodFigures {
  const sorted = [...runs].sort((a, b) => a.rows / a.seconds - b.rows / b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Run;
  return { rows: median.rows, seconds: median.seconds, rowsPerSecond: median.rows / median.seconds, runs: sorted.map((r) => r.rows / r.seconds) };
}

function asQueryable(client: pg.Client): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      return { rows: (await client.query(sql, params as unknown[])).rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** `count` rows of the create body for `project`, as the server would store them (fresh ids). */
function insertRows(project: string, count: number): FeedbackInsertRow[] {
  const now = Date.now();
  const template = toInsertRow(checkCreateRequest(JSON.parse(createBody(project)) as Parameters<typeof checkCreateRequest>[0], BENCH_USER), 'x', now);
  return Array.from({ length: count }, () => ({ ...template, id: uuidv7(now) }));
}

export async function benchBatchIngest(args: {
  databaseUrl: string;
  runId: string;
  batches: number;
  concurrency: number;
  log: (line: string) => void;
}): Promise<BatchIngestFigures> {
  const client = new pg.Client({ connectionString: args.databaseUrl });
  await client.connect();
  const server = await startServer(serverEnv({ DATABASE_URL: args.databaseUrl })).catch(async (err: unknown) => {
    await client.end();
    throw err;
  });
  const countRows = async (pattern: string): Promise<number> =>
    Number((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id LIKE $1', [pattern])).rows[0]?.n);
  try {
    const project = (method: string, repeat: number) => `bench/batch-${args.runId}-${method}-r${repeat}`;
    const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`api:${BENCH_KEY}`).toString('base64')}` };
    const batchBody = (p: string) => JSON.stringify({ batch: Array.from({ length: BATCH_ROWS }, () => JSON.parse(createBody(p)) as unknown) });
    // The first requests compile the spec's validators; they are not measured.
    await runLoad({ url: `${server.baseUrl}/feedback/batch/create`, method: 'POST', headers, body: batchBody(project('warmup', 0)), connections: 1, amount: WARMUP_BATCHES, timeout: 60 });

    const http: Run[] = [];
    const insert: Run[] = [];
    const copy: Run[] = [];
    let latency = { p50: 0, p99: 0 };
    let failedRequests = 0;
    const total = args.batches * BATCH_ROWS;
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      const load = await runLoad({
        url: `${server.baseUrl}/feedback/batch/create`,
        method: 'POST',
        headers,
        body: batchBody(project('http', repeat)),
        connections: args.concurrency,
        amount: args.batches,
        timeout: 60,
      });
      failedRequests += load.result.non2xx + load.result.errors;
      const httpRun = { rows: load.result['2xx'] * BATCH_ROWS, seconds: load.seconds };
      http.push(httpRun);
      if (repeat === 0) latency = { p50: load.result.latency.p50, p99: load.result.latency.p99 };

      const batches = Array.from({ length: args.batches }, () => insertRows(project('insert', repeat), BATCH_ROWS));
      let started = performance.now();
      for (const rows of batches) await insertFeedback(asQueryable(client), rows);
      const insertRun = { rows: total, seconds: (performance.now() - started) / 1000 };
      insert.push(insertRun);

      const rows = insertRows(project('copy', repeat), total);
      const columns = [...Object.keys(rows[0] as FeedbackInsertRow), 'covered'];
      // Built before the clock starts: COPY is timed as the database's load path alone.
      const csv = rows.map((r) => [...Object.values(r).map(csvField), 't'].join(',')).join('\n') + '\n';
      started = performance.now();
      const copied = await copyCsv(client, 'feedback', columns, csv);
      const copyRun = { rows: copied, seconds: (performance.now() - started) / 1000 };
      copy.push(copyRun);
      const perSecond = (run: Run) => Math.round(run.rows / run.seconds);
      args.log(`  batch create run ${repeat + 1}/${REPEATS}: HTTP ${perSecond(httpRun)} rows/s, INSERT ${perSecond(insertRun)} rows/s, COPY ${perSecond(copyRun)} rows/s`);
    }
    const rowsCommitted = await countRows(`bench/batch-${args.runId}-http-%`);
    const uncovered = Number(
      (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id LIKE $1 AND NOT covered', [`bench/batch-${args.runId}-http-%`])).rows[0]?.n,
    );
    const figures: BatchIngestFigures = {
      batchRows: BATCH_ROWS,
      batches: args.batches,
      concurrency: args.concurrency,
      http: { ...summary(http), p50Ms: latency.p50, p99Ms: latency.p99, failedRequests, rowsCommitted },
      insert: summary(insert),
      copy: summary(copy),
      httpShareOfCopy: 0,
      httpRowsUncovered: uncovered,
    };
    figures.httpShareOfCopy = figures.http.rowsPerSecond / figures.copy.rowsPerSecond;
    // Bench rows are not part of any dataset: leave the database as it was loaded.
    await client.query("DELETE FROM feedback WHERE project_id LIKE 'bench/batch-%'");
    await client.query('VACUUM ANALYZE feedback');
    return figures;
  } finally {
    await server.stop();
    await client.end();
  }
}

export function describeBatchIngest(f: BatchIngestFigures): string[] {
  const r = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    `  batch create, ${f.batches} batches of ${f.batchRows} rows, ${f.concurrency} at once: ${r(f.http.rowsPerSecond)} rows/s over HTTP (runs ${f.http.runs.map(r).join(' / ')}), p50 ${f.http.p50Ms} ms, p99 ${f.http.p99Ms} ms per batch, ${f.http.failedRequests} failed, ${r(f.http.rowsCommitted)} rows committed`,
    `  the same rows straight in: INSERT per batch ${r(f.insert.rowsPerSecond)} rows/s (runs ${f.insert.runs.map(r).join(' / ')}), COPY ${r(f.copy.rowsPerSecond)} rows/s (runs ${f.copy.runs.map(r).join(' / ')})`,
    `  HTTP batch create = ${(f.httpShareOfCopy * 100).toFixed(0)}% of COPY; ${f.httpRowsUncovered} HTTP rows not covered`,
  ];
}
