// /feedback/create over HTTP with autocannon at several concurrencies: a fixed number of requests
// each (so every request is answered before the count), then the rows committed in the project
// must equal the 2xx responses — nothing acknowledged may be lost.
import { runLoad } from './load-generator.js';
import type { SqlRunner } from './sql-runner.js';

export interface IngestFigures {
  concurrency: number;
  requests: number;
  acknowledged: number;
  failed: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  rowsCommitted: number;
  logLevel: string;
  /** FEEDBACK_WORKERS of the server (older result files have none: 1). */
  workers?: number;
  /** The other repeats of the same configuration; this entry is the median by req/s (older files: none). */
  otherRuns?: RepeatFigures[];
}

/** What is kept of a repeat that is not the median one: enough for the range and the lost-row check. */
export interface RepeatFigures {
  requestsPerSecond: number;
  p99: number;
  acknowledged: number;
  failed: number;
  rowsCommitted: number;
}

/** The median run by req/s, carrying the others; `runs` must not be empty. */
export function medianRun(runs: readonly IngestFigures[]): IngestFigures {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as IngestFigures;
  const otherRuns = sorted
    .filter((r) => r !== median)
    .map((r) => ({ requestsPerSecond: r.requestsPerSecond, p99: r.p99, acknowledged: r.acknowledged, failed: r.failed, rowsCommitted: r.rowsCommitted }));
  return { ...median, otherRuns };
}

/** Every run of a configuration: the median and its other repeats. */
export function allRuns(f: IngestFigures): RepeatFigures[] {
  return [f, ...(f.otherRuns ?? [])];
}

/** A runnable scorer's feedback, as a producer sends it (~800 bytes, validated like any other). */
export function createBody(project: string): string {
  const base = `weave:///${project}`;
  return JSON.stringify({
    project_id: project,
    weave_ref: `${base}/call/0193a5c1d2e3f405`,
    feedback_type: 'wandb.runnable.relevance',
    runnable_ref: `${base}/op/relevance:3f9a2c1b`,
    call_ref: `${base}/call/0193a5c1d2e3f406`,
    payload: {
      output: {
        scores: { relevance: 0.8125, coherence: 0.64, safety: 0.99 },
        passed: true,
        label: 'good',
        reason: 'the answer cites the retrieved passage and stays grounded in the documents provided',
        model: 'claude-haiku',
        latency_ms: 812,
      },
    },
    scorer_tags: ['helpful'],
    scorer_tag_confidences: { helpful: 0.91 },
    scorer_ratings: { _rating_: 0.8125, quality: 0.7 },
    span_agent_name: 'writer',
    span_agent_version: 'v3',
    span_status_code: 'OK',
    span_conversation_id: 'conv-7f3e2a91bc04',
    span_trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  });
}

export async function benchIngest(args: {
  baseUrl: string;
  apiKey: string;
  project: string;
  concurrency: number;
  requests: number;
  logLevel: string;
  workers: number;
  runner: SqlRunner;
}): Promise<IngestFigures> {
  const countRows = async (): Promise<number> =>
    Number((await args.runner.query('SELECT count(*)::int AS n FROM feedback WHERE project_id = $1', [args.project]))[0]?.['n']);
  const before = await countRows();
  const { result, seconds, acknowledgedPerSecond } = await runLoad({
    url: `${args.baseUrl}/feedback/create`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`api:${args.apiKey}`).toString('base64')}`,
    },
    body: createBody(args.project),
    connections: args.concurrency,
    amount: args.requests,
    timeout: 30,
  });
  const rowsCommitted = (await countRows()) - before;
  return {
    concurrency: args.concurrency,
    requests: args.requests,
    acknowledged: result['2xx'],
    failed: result.non2xx + result.errors,
    seconds,
    requestsPerSecond: acknowledgedPerSecond,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    rowsCommitted,
    logLevel: args.logLevel,
    workers: args.workers,
  };
}
