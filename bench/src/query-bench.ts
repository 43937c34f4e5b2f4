// Times each query four ways — over HTTP with the SDK, the server's own SQL sent directly, the
// obvious SQL, and the index-only count floor — and checks the server's answer against the
// obvious SQL's. HTTP runs while the server is up; the SQL phase may run after it has stopped
// (PGlite is embedded: one process at a time).
import type { FeedbackClient } from '@feedback/sdk';
import { SESSION_SETTINGS, sessionSetSql } from '@feedback/server';
import type { Statement } from './obvious-sql.js';
import type { QuerySpec } from './query-specs.js';
import type { SqlRunner } from './sql-runner.js';
import { timeRuns, timeRunsPaired, type Timing } from './timing.js';

export interface RunCounts {
  runs: number;
  warmup: number;
  /** Runs of the obvious SQL, which can take seconds each. */
  baselineRuns: number;
}

export interface HttpFigures {
  id: QuerySpec['id'];
  http: Timing;
  /** The server's statement sent directly, timed in alternation with HTTP (PostgreSQL only). */
  direct?: Timing;
  /** HTTP minus direct, pair by pair (PostgreSQL only). */
  layer?: Timing;
  response: unknown;
}

/** What HTTP adds over the direct statement: the median of paired differences when there is one. */
export function httpLayerMs(f: Pick<QueryFigures, 'http' | 'direct' | 'layer'>): number {
  return f.layer?.p50 ?? f.http.p50 - f.direct.p50;
}

export interface QueryFigures {
  id: QuerySpec['id'];
  title: string;
  rows: number;
  http: Timing;
  direct: Timing;
  /** HTTP minus direct, pair by pair, when they were timed in alternation (older files: none). */
  layer?: Timing;
  obvious: Timing;
  /** The obvious SQL with the same session settings the server applies (JIT off, work_mem, parallelism). */
  obviousTuned: Timing;
  floor: Timing;
  verified: string;
  /** EXPLAIN (ANALYZE, BUFFERS) of the server's statement, under its settings: the profile. */
  plan: string;
}

/**
 * HTTP timings; with `runner` (an engine that allows a second connection while the server runs),
 * each HTTP call alternates with the same statement sent directly, so the difference between the
 * two is the HTTP + validation layer and not a change in the machine's load.
 */
export async function benchHttp(specs: readonly QuerySpec[], client: FeedbackClient, counts: RunCounts, runner?: SqlRunner): Promise<HttpFigures[]> {
  const out: HttpFigures[] = [];
  for (const spec of specs) {
    let response: unknown;
    const viaHttp = async (): Promise<void> => {
      response = await spec.http(client);
    };
    if (runner === undefined) {
      out.push({ id: spec.id, http: await timeRuns(counts.runs, counts.warmup, viaHttp), response });
      continue;
    }
    await useServerSettings(runner);
    const statements = await spec.server(runner);
    const [http, direct, layer] = await timeRunsPaired(counts.runs, counts.warmup, viaHttp, () => runServerStatements(runner, statements));
    out.push({ id: spec.id, http, direct, layer, response });
  }
  return out;
}

/** Gives the runner's session the settings every server connection opens with. */
export async function useServerSettings(runner: SqlRunner): Promise<void> {
  await runner.exec(sessionSetSql());
}

/** Back to the engine's defaults, as a newcomer's session would run. */
async function useDefaultSettings(runner: SqlRunner): Promise<void> {
  await runner.exec(Object.keys(SESSION_SETTINGS).map((name) => `RESET ${name}`).join('; '));
}

/** Exactly what the server does per request: its statements, in order, on a connection with its settings. */
export async function runServerStatements(runner: SqlRunner, statements: readonly Statement[]): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  for (const s of statements) rows = await runner.query(s.sql, s.params);
  return rows;
}

async function runAll(runner: SqlRunner, statements: readonly { sql: string; params: unknown[] }[]): Promise<Record<string, unknown>[][]> {
  const out: Record<string, unknown>[][] = [];
  for (const s of statements) out.push(await runner.query(s.sql, s.params));
  return out;
}

export async function benchSql(
  specs: readonly QuerySpec[],
  httpFigures: readonly HttpFigures[],
  runner: SqlRunner,
  counts: RunCounts,
): Promise<QueryFigures[]> {
  const out: QueryFigures[] = [];
  for (const spec of specs) {
    const fromHttp = httpFigures.find((h) => h.id === spec.id);
    if (fromHttp === undefined) throw new Error(`no HTTP figures for ${spec.id}`);
    await useServerSettings(runner);
    const statements = await spec.server(runner);
    const direct = fromHttp.direct ?? (await timeRuns(counts.runs, counts.warmup, () => runServerStatements(runner, statements)));
    const floorStatement = spec.floor();
    const floor = await timeRuns(counts.runs, counts.warmup, () => runner.query(floorStatement.sql, floorStatement.params));
    const rows = Number((await runner.query(floorStatement.sql, floorStatement.params))[0]?.['n']);
    const obviousStatements = spec.obvious();
    let obviousRows: Record<string, unknown>[][] = [];
    await useDefaultSettings(runner);
    const obvious = await timeRuns(counts.baselineRuns, 1, async () => {
      obviousRows = await runAll(runner, obviousStatements);
    });
    await useServerSettings(runner);
    const obviousTuned = await timeRuns(counts.baselineRuns, 1, () => runAll(runner, obviousStatements));
    const verified = spec.verify(fromHttp.response, obviousRows);
    const answer = statements[statements.length - 1];
    if (answer === undefined) throw new Error(`${spec.id}: no statement`);
    const plan = (await runner.query(`EXPLAIN (ANALYZE, BUFFERS) ${answer.sql}`, answer.params))
      .map((r) => String(r['QUERY PLAN']))
      .join('\n');
    out.push({ id: spec.id, title: spec.title, rows, http: fromHttp.http, direct, ...(fromHttp.layer === undefined ? {} : { layer: fromHttp.layer }), obvious, obviousTuned, floor, verified, plan });
  }
  return out;
}
