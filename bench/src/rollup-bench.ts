// One engine, the queries of issue #11: each request on the roll-up path and on the raw path over
// HTTP, timed in turn (with the server's own statements sent directly in the same rounds, where
// the engine allows a second connection), the two bodies compared byte for byte, the answer
// checked against the obvious SQL, and the rows each path read counted by EXPLAIN ANALYZE.
import { addFloorIndex, dropFloorIndex } from './engine-run.js';
import { firstDifference, type PathCaller } from './rollup-paths.js';
import { rowsRead, textProfile, type RowsRead } from './plan-rows.js';
import { runServerStatements, useServerSettings, type RunCounts } from './query-bench.js';
import type { Statement } from './obvious-sql.js';
import type { RollupQuery, RollupQueryId } from './rollup-queries.js';
import type { SqlRunner } from './sql-runner.js';
import { pairedDifference, sampleInTurn, summarise, timeRuns, type Timing } from './timing.js';

export interface PathFigures {
  /** POST over HTTP, body read (not parsed). */
  http: Timing;
  /** The statements the server sends for this path, sent directly in the same rounds. */
  direct?: Timing;
  /** HTTP − direct, round by round: the HTTP + validation + assembly layer. */
  layer?: Timing;
  /** Rows read per table (EXPLAIN ANALYZE of the path's statements). */
  rowsRead?: RowsRead;
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement that computes the answer. */
  profile?: string;
}

export interface RollupQueryFigures {
  id: RollupQueryId;
  title: string;
  /** Raw rows of the project in the request's window (count over an index). */
  rowsInWindow: number;
  rollup: PathFigures;
  raw: PathFigures;
  obvious: Timing;
  floor: Timing;
  /** The roll-up path's body equals the raw path's, byte for byte. */
  identical: boolean;
  difference: string;
  bytes: number;
  /** The answer checked value by value against the obvious SQL. */
  verified: string;
  /** Whether the two paths were timed in turn (false: one after the other, PGlite without a per-request switch). */
  alternated: boolean;
}

export interface RollupEngineFigures {
  label: string;
  engine: 'postgres' | 'pglite';
  tableRows: number;
  figures: RollupQueryFigures[];
  /** GET /healthz: an HTTP round trip with no database and no body, for scale. */
  roundTrip?: Timing;
}

/** The SQL each path sends for a request (null: not known to the bench, then not timed directly). */
export interface PathStatements {
  rollup(q: RollupQuery, runner: SqlRunner): Promise<Statement[] | null>;
  raw(q: RollupQuery, runner: SqlRunner): Promise<Statement[] | null>;
}

/** How the engine is driven while the HTTP phase runs. */
export interface HttpPhase {
  rollup: PathCaller;
  raw: PathCaller;
  /** Both callers are up at once: time them in turn. Otherwise `switchToRaw` is called between. */
  together: boolean;
  /** Called after the roll-up path's timings when `together` is false (stops one server, starts the other). */
  switchToRaw?: () => Promise<void>;
  healthz: () => Promise<unknown>;
  /** A second connection while the servers run (PostgreSQL): direct statements in the same rounds. */
  runner?: SqlRunner;
}

interface HttpResult {
  id: RollupQueryId;
  rollup: PathFigures;
  raw: PathFigures;
  rollupBody: string;
  rawBody: string;
  alternated: boolean;
}

function summarisePath(http: number[], direct: number[] | undefined): PathFigures {
  return direct === undefined
    ? { http: summarise(http) }
    : { http: summarise(http), direct: summarise(direct), layer: pairedDifference(http, direct) };
}

async function timeTogether(q: RollupQuery, phase: HttpPhase, statements: PathStatements, counts: RunCounts): Promise<HttpResult> {
  const rollupBody = await phase.rollup.call(q);
  const rawBody = await phase.raw.call(q);
  const runner = phase.runner;
  const rollupSql = runner === undefined ? null : await statements.rollup(q, runner);
  const rawSql = runner === undefined ? null : await statements.raw(q, runner);
  const ops: (() => Promise<unknown>)[] = [() => phase.rollup.call(q), () => phase.raw.call(q)];
  if (runner !== undefined && rollupSql !== null) ops.push(() => runServerStatements(runner, rollupSql));
  if (runner !== undefined && rawSql !== null) ops.push(() => runServerStatements(runner, rawSql));
  const [rollupHttp = [], rawHttp = [], ...rest] = await sampleInTurn(counts.runs, counts.warmup, ops);
  const rollupDirect = rollupSql === null ? undefined : rest.shift();
  const rawDirect = rawSql === null ? undefined : rest.shift();
  return { id: q.id, rollup: summarisePath(rollupHttp, rollupDirect), raw: summarisePath(rawHttp, rawDirect), rollupBody, rawBody, alternated: true };
}

async function httpPhase(queries: readonly RollupQuery[], phase: HttpPhase, statements: PathStatements, counts: RunCounts): Promise<HttpResult[]> {
  if (phase.runner !== undefined) await useServerSettings(phase.runner);
  if (phase.together) {
    const out: HttpResult[] = [];
    for (const q of queries) out.push(await timeTogether(q, phase, statements, counts));
    return out;
  }
  // One server at a time (PGlite: one process per data directory): every query on the roll-up
  // path, then on the raw path.
  const first = [];
  for (const q of queries) {
    let body = '';
    const http = await timeRuns(counts.runs, counts.warmup, async () => {
      body = await phase.rollup.call(q);
    });
    first.push({ q, http, body });
  }
  await phase.switchToRaw?.();
  const out: HttpResult[] = [];
  for (const { q, http, body } of first) {
    let rawBody = '';
    const raw = await timeRuns(counts.runs, counts.warmup, async () => {
      rawBody = await phase.raw.call(q);
    });
    out.push({ id: q.id, rollup: { http }, raw: { http: raw }, rollupBody: body, rawBody, alternated: false });
  }
  return out;
}

export async function benchRollupHttp(args: {
  queries: readonly RollupQuery[];
  phase: HttpPhase;
  statements: PathStatements;
  counts: RunCounts;
}): Promise<{ results: HttpResult[]; roundTrip: Timing }> {
  const results = await httpPhase(args.queries, args.phase, args.statements, args.counts);
  const roundTrip = await timeRuns(args.counts.runs * 5, args.counts.warmup, args.phase.healthz);
  return { results, roundTrip };
}

/**
 * The SQL phase, once the HTTP phase is over (for PGlite, its server stopped): floor and obvious
 * SQL, the answer check, and per path the rows read and the profile.
 */
export async function benchRollupSql(args: {
  queries: readonly RollupQuery[];
  http: readonly HttpResult[];
  runner: SqlRunner;
  statements: PathStatements;
  counts: RunCounts;
  log: (line: string) => void;
}): Promise<RollupQueryFigures[]> {
  const { runner, counts } = args;
  const out: RollupQueryFigures[] = [];
  await addFloorIndex(runner);
  try {
    for (const q of args.queries) {
      const h = args.http.find((x) => x.id === q.id);
      if (h === undefined) throw new Error(`no HTTP figures for ${q.id}`);
      await useServerSettings(runner);
      const floorSql = q.floor();
      const floor = await timeRuns(counts.runs, counts.warmup, () => runner.query(floorSql.sql, floorSql.params));
      const rowsInWindow = Number((await runner.query(floorSql.sql, floorSql.params))[0]?.['n']);
      // The newcomer's session: the engine's defaults.
      await runner.exec('RESET ALL');
      const obviousSql = q.obvious();
      let obviousRows: Record<string, unknown>[][] = [];
      const obvious = await timeRuns(counts.baselineRuns, 1, async () => {
        obviousRows = [];
        for (const s of obviousSql) obviousRows.push(await runner.query(s.sql, s.params));
      });
      const verified = q.verify(JSON.parse(h.rollupBody), obviousRows);
      await useServerSettings(runner);
      const paths: [PathFigures, Statement[] | null][] = [
        [h.rollup, await args.statements.rollup(q, runner)],
        [h.raw, await args.statements.raw(q, runner)],
      ];
      for (const [path, statements] of paths) {
        if (statements === null) continue;
        path.rowsRead = await rowsRead(runner, statements);
        path.profile = await textProfile(runner, statements);
      }
      const difference = firstDifference(h.rollupBody, h.rawBody);
      if (difference !== '') args.log(`    ${q.id}: ROLL-UP AND RAW ANSWERS DIFFER: ${difference}`);
      out.push({
        id: q.id, title: q.title, rowsInWindow, rollup: h.rollup, raw: h.raw, obvious, floor,
        identical: difference === '', difference, bytes: Buffer.byteLength(h.rollupBody), verified, alternated: h.alternated,
      });
    }
  } finally {
    await dropFloorIndex(runner);
  }
  return out;
}

export function describeRollupFigures(label: string, figures: readonly RollupQueryFigures[]): string[] {
  return figures.map((f) => {
    const rollupRows = f.rollup.rowsRead === undefined ? '' : ` read ${JSON.stringify(f.rollup.rowsRead)}`;
    return `    ${label} ${f.id.padEnd(18)} window ${String(f.rowsInWindow).padStart(8)}  roll-up p50 ${f.rollup.http.p50.toFixed(1)} ms  raw ${f.raw.http.p50.toFixed(1)}  obvious ${f.obvious.p50.toFixed(1)}  ${(f.raw.http.p50 / f.rollup.http.p50).toFixed(1)}×  ${f.identical ? 'identical' : 'DIFFERENT'}${rollupRows}`;
  });
}
