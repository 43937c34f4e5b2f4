// The targets, checked against the recorded runs: each row says met, or missed by how much.
import type { EngineQueries } from './engine-run.js';
import { allRuns, type IngestFigures } from './ingest-bench.js';
import { httpLayerMs, type QueryFigures } from './query-bench.js';
import { fmtMs, fmtRatio } from './results-tables.js';
import type { RunResults } from './run.js';

function mainEngine(runs: readonly RunResults[], size: string): EngineQueries | undefined {
  const run = runs.find((r) => r.args.size === size);
  return run?.queries.find((q) => q.engine === 'postgres' && q.label === `PostgreSQL ${size}`);
}

function figure(e: EngineQueries | undefined, id: QueryFigures['id']): QueryFigures | undefined {
  return e?.figures.find((f) => f.id === id);
}

function atMost(measured: number, limit: number, unit: string): string {
  return measured <= limit ? 'met' : `**missed** by ${(measured - limit).toFixed(1)} ${unit} (${fmtRatio(measured / limit)} the target)`;
}

function atLeast(measured: number, limit: number, unit: string): string {
  return measured >= limit ? 'met' : `**missed** by ${(limit - measured).toFixed(1)} ${unit} (${((measured / limit) * 100).toFixed(0)}% of the target)`;
}

const NOT_RUN = (cmd: string): [string, string] => ['not measured', `run \`${cmd}\``];

export function targetRows(runs: readonly RunResults[]): string[] {
  const rows: [string, string, string][] = [];
  const m1 = mainEngine(runs, '1m');
  const m10 = mainEngine(runs, '10m');
  const stats1 = figure(m1, 'stats');
  rows.push(['stats over 100k rows (1M table) ≤ 60 ms p50', ...(stats1 ? [`${fmtMs(stats1.http.p50)} ms`, atMost(stats1.http.p50, 60, 'ms')] as [string, string] : NOT_RUN('npm run bench'))]);
  rows.push(['stats ≥ 5× faster than the obvious SQL', ...(stats1
    ? [`${fmtRatio(stats1.obvious.p50 / stats1.http.p50)} (obvious ${fmtMs(stats1.obvious.p50)} ms)`, atLeast(stats1.obvious.p50 / stats1.http.p50, 5, '×')] as [string, string]
    : NOT_RUN('npm run bench'))]);
  const stats10 = figure(m10, 'stats');
  rows.push(['stats over 1M rows (10M table) ≤ 400 ms p50', ...(stats10 ? [`${fmtMs(stats10.http.p50)} ms`, atMost(stats10.http.p50, 400, 'ms')] as [string, string] : NOT_RUN('npm run bench -- --size 10m'))]);
  for (const id of ['aggregate_month', 'aggregate_grouped'] as const) {
    const f = figure(m1, id);
    rows.push([`aggregate with group_by ≤ 40 ms p50 (\`${id}\`, ${f ? f.rows.toLocaleString('en-US') : '?'} rows)`, ...(f ? [`${fmtMs(f.http.p50)} ms`, atMost(f.http.p50, 40, 'ms')] as [string, string] : NOT_RUN('npm run bench'))]);
  }
  const run1 = runs.find((r) => r.args.size === '1m');
  // The best configuration measured (one process, or FEEDBACK_WORKERS), as an operator would run it.
  const c64 = run1?.ingest
    .filter((f) => f.concurrency === 64 && f.logLevel === 'warn')
    .reduce<IngestFigures | undefined>((best, f) => (best === undefined || f.requestsPerSecond > best.requestsPerSecond ? f : best), undefined);
  const c64Label = c64 === undefined ? '' : ` (${c64.workers ?? 1} worker${(c64.workers ?? 1) > 1 ? 's' : ''})`;
  rows.push(['create ≥ 3,000 req/s at concurrency 64', ...(c64 ? [`${Math.round(c64.requestsPerSecond).toLocaleString('en-US')} req/s${c64Label}`, atLeast(c64.requestsPerSecond, 3000, 'req/s')] as [string, string] : NOT_RUN('npm run bench'))]);
  rows.push(['create p99 ≤ 50 ms at concurrency 64', ...(c64 ? [`${c64.p99} ms${c64Label}`, atMost(c64.p99, 50, 'ms')] as [string, string] : NOT_RUN('npm run bench'))]);
  const ingest = (run1?.ingest ?? []).flatMap(allRuns);
  const lost = ingest.reduce((n, f) => n + Math.max(0, f.acknowledged - f.rowsCommitted), 0);
  const extra = ingest.reduce((n, f) => n + Math.max(0, f.rowsCommitted - f.acknowledged), 0);
  rows.push(['create: rows committed = requests acknowledged', ...(ingest.length > 0
    ? [`${ingest.reduce((n, f) => n + f.acknowledged, 0)} acknowledged, ${lost} lost, ${extra} unacknowledged extra`, lost === 0 && extra === 0 ? 'met' : '**missed**'] as [string, string]
    : NOT_RUN('npm run bench'))]);
  if (m1 !== undefined) {
    const worst = m1.figures.reduce((w, f) => (httpLayerMs(f) > httpLayerMs(w) ? f : w));
    const over = httpLayerMs(worst);
    rows.push(['HTTP + validation adds ≤ 2 ms p50 over the direct query', `${over.toFixed(1)} ms at most (\`${worst.id}\`)`, atMost(over, 2, 'ms')]);
  }
  return ['| target | measured | verdict |', '| --- | --- | --- |', ...rows.map(([t, m, v]) => `| ${t} | ${m} | ${v} |`)];
}
