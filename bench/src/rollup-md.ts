// The "Roll-ups" section of RESULTS.md, from results/rollups/<size>.json: issue #11's targets
// with what was measured, then per run the roll-up sizes, the queries on both paths, ingest on vs
// off, PGlite vs PostgreSQL and the profiles.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PathFigures, RollupEngineFigures, RollupQueryFigures } from './rollup-bench.js';
import type { RollupQueryId } from './rollup-queries.js';
import type { RollupRunResults } from './rollup-run.js';
import { splitRowsRead } from './plan-rows.js';
import { fmtMs, fmtRatio } from './results-tables.js';

export function readRollupRuns(resultsDir: string): RollupRunResults[] {
  const dir = join(resultsDir, 'rollups');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const order = ['10m', '1m', '100k'];
  return files
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RollupRunResults)
    .sort((a, b) => order.indexOf(a.args.size) - order.indexOf(b.args.size));
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const loadText = (l: [number, number, number]): string => l.map((x) => x.toFixed(2)).join(' / ');

function mainEngine(run: RollupRunResults | undefined): RollupEngineFigures | undefined {
  return run?.engines.find((e) => e.engine === 'postgres' && e.label === `PostgreSQL ${run.args.size}`);
}

function figure(run: RollupRunResults | undefined, id: RollupQueryId): RollupQueryFigures | undefined {
  return mainEngine(run)?.figures.find((f) => f.id === id);
}

/** The load average (1 min) when the phase that measured `label`'s queries ended. */
function phaseLoad(run: RollupRunResults, phase: string): string {
  const p = run.loads.find((l) => l.phase === phase);
  return p === undefined ? '?' : p.load[0].toFixed(2);
}

/** What the HTTP + validation layer costs on a query: HTTP − direct of the roll-up path, else of the raw path. */
function layerOf(f: RollupQueryFigures): { ms: number; path: string } | undefined {
  if (f.rollup.layer !== undefined) return { ms: f.rollup.layer.p50, path: 'roll-up' };
  if (f.raw.layer !== undefined) return { ms: f.raw.layer.p50, path: 'raw' };
  return undefined;
}

interface TargetRow {
  query: string;
  target: string;
  measured: string;
  verdict: string;
  /** For a missed target: the profile that says why. */
  why?: string;
}

const verdict = (met: boolean): string => (met ? 'met' : '**missed**');

function fastRow(run: RollupRunResults | undefined, id: RollupQueryId, query: string, limitMs: number, speedup: number | null): TargetRow {
  const f = figure(run, id);
  const target = speedup === null ? `≤ ${limitMs} ms p50` : `≤ ${limitMs} ms p50 and ≥ ${speedup}× the raw path`;
  if (run === undefined || f === undefined) return { query, target, measured: 'not measured', verdict: 'not measured' };
  const ratio = f.raw.http.p50 / f.rollup.http.p50;
  const met = f.rollup.http.p50 <= limitMs && (speedup === null || ratio >= speedup);
  const load = phaseLoad(run, `queries PostgreSQL ${run.args.size}`);
  return {
    query,
    target,
    measured: `${fmtMs(f.rollup.http.p50)} ms p50 (p95 ${fmtMs(f.rollup.http.p95)}); raw path ${fmtMs(f.raw.http.p50)} ms: ${fmtRatio(ratio)}; ${int(f.rowsInWindow)} rows in window; load ${load}`,
    verdict: verdict(met),
    ...(met ? {} : { why: f.rollup.profile ?? f.raw.profile ?? '' }),
  };
}

export function rollupTargetRows(runs: readonly RollupRunResults[]): TargetRow[] {
  const r10 = runs.find((r) => r.args.size === '10m');
  const r1 = runs.find((r) => r.args.size === '1m');
  const rows: TargetRow[] = [
    fastRow(r10, 'stats', 'stats, 31 days, auto granularity, no percentiles, 1M rows in window (10M table)', 50, 20),
    fastRow(r10, 'stats_percentiles', 'stats as above with p50/p95', 800, null),
    fastRow(r10, 'aggregate_month', 'aggregate, 31 days daily, group_by scorer + status, 1M rows (10M table)', 50, 20),
    fastRow(r1, 'aggregate_grouped', 'aggregate_grouped, 7 days hourly (1M table)', 15, null),
  ];
  const layers = [r10, r1].flatMap((run) =>
    (mainEngine(run)?.figures ?? []).flatMap((f) => {
      const l = layerOf(f);
      return l === undefined || run === undefined ? [] : [{ ...l, id: f.id, size: run.args.size }];
    }),
  );
  const worst = layers.reduce<(typeof layers)[number] | undefined>((w, l) => (w === undefined || l.ms > w.ms ? l : w), undefined);
  rows.push(worst === undefined
    ? { query: 'HTTP + validation layer on these answers', target: '≤ 3 ms', measured: 'not measured', verdict: 'not measured' }
    : {
        query: 'HTTP + validation layer on these answers',
        target: '≤ 3 ms',
        measured: `${worst.ms.toFixed(1)} ms at most (\`${worst.id}\`, ${worst.size}, ${worst.path} path; HTTP − direct SQL, median of paired runs); all: ${layers.map((l) => `${l.id}@${l.size} ${l.ms.toFixed(1)}`).join(', ')}`,
        verdict: verdict(worst.ms <= 3),
      });
  const c = r1?.create ?? runs.find((r) => r.create !== null)?.create ?? null;
  if (c === null) rows.push({ query: 'create throughput at concurrency 64 with roll-ups kept', target: '≥ 90% of the same run without them, 0 lost', measured: 'not measured', verdict: 'not measured' });
  else {
    const runsOf = (f: typeof c.on): { acknowledged: number; rowsCommitted: number }[] => [f, ...(f.otherRuns ?? [])];
    const all = [...runsOf(c.on), ...runsOf(c.off)];
    const lost = all.reduce((n, f) => n + Math.max(0, f.acknowledged - f.rowsCommitted), 0);
    rows.push({
      query: 'create throughput at concurrency 64 with roll-ups kept',
      target: '≥ 90% of the same run without them, 0 lost',
      measured: `${int(c.on.requestsPerSecond)} req/s on vs ${int(c.off.requestsPerSecond)} off: ${(c.ratio * 100).toFixed(0)}%; ${lost} lost of ${int(all.reduce((n, f) => n + f.acknowledged, 0))} acknowledged`,
      verdict: verdict(c.ratio >= 0.9 && lost === 0),
    });
  }
  const imp = r1?.import ?? runs.find((r) => r.import !== null)?.import ?? null;
  rows.push(imp === null
    ? { query: 'import rows/s with roll-ups kept', target: '≥ 90% of the same run without them', measured: 'not measured', verdict: 'not measured' }
    : {
        query: 'import rows/s with roll-ups kept',
        target: '≥ 90% of the same run without them',
        measured: `${int(imp.on)} rows/s on vs ${int(imp.off)} off: ${(imp.ratio * 100).toFixed(0)}% (${imp.importers} importers, ${imp.dataset})`,
        verdict: verdict(imp.ratio >= 0.9),
      });
  const ratios = pgliteRatios(r1 ?? runs[0]);
  rows.push(ratios.length === 0
    ? { query: 'PGlite / PostgreSQL on the 100k queries', target: '≤ 2×', measured: 'not measured', verdict: 'not measured' }
    : {
        query: 'PGlite / PostgreSQL on the 100k queries',
        target: '≤ 2×',
        measured: `${fmtRatio(Math.max(...ratios.map((r) => r.ratio)))} at most (roll-up path, HTTP p50): ${ratios.map((r) => `${r.id} ${fmtRatio(r.ratio)}`).join(', ')}`,
        verdict: verdict(Math.max(...ratios.map((r) => r.ratio)) <= 2),
      });
  return rows;
}

function pgliteRatios(run: RollupRunResults | undefined): { id: RollupQueryId; pg: number; lite: number; ratio: number }[] {
  const lite = run?.engines.find((e) => e.engine === 'pglite');
  const pg = run?.engines.find((e) => e.engine === 'postgres' && e.tableRows === lite?.tableRows);
  if (lite === undefined || pg === undefined) return [];
  return lite.figures.flatMap((f) => {
    const p = pg.figures.find((x) => x.id === f.id);
    return p === undefined ? [] : [{ id: f.id, pg: p.rollup.http.p50, lite: f.rollup.http.p50, ratio: f.rollup.http.p50 / p.rollup.http.p50 }];
  });
}

function rowsReadText(p: PathFigures): string {
  if (p.rowsRead === undefined) return '?';
  const { raw, rollup } = splitRowsRead(p.rowsRead);
  return rollup > 0 ? `${int(rollup)} roll-up + ${int(raw)} raw` : `${int(raw)} raw`;
}

function queryTable(e: RollupEngineFigures): string[] {
  const lines = [
    `#### ${e.label} (table of ${int(e.tableRows)} rows, one project of ten)`,
    '',
    '| query | rows in window | rows read: roll-up path | rows read: raw path | roll-up path p50 / p95 | raw path p50 / p95 | obvious SQL p50 | raw ÷ roll-up | obvious ÷ roll-up | HTTP layer p50 (roll-up / raw) | same bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const f of e.figures) {
    const layer = (p: PathFigures): string => (p.layer === undefined ? '–' : p.layer.p50.toFixed(1));
    lines.push(
      `| ${f.id} | ${int(f.rowsInWindow)} | ${rowsReadText(f.rollup)} | ${rowsReadText(f.raw)} | ${fmtMs(f.rollup.http.p50)} / ${fmtMs(f.rollup.http.p95)} | ${fmtMs(f.raw.http.p50)} / ${fmtMs(f.raw.http.p95)} | ${fmtMs(f.obvious.p50)} | ${fmtRatio(f.raw.http.p50 / f.rollup.http.p50)} | ${fmtRatio(f.obvious.p50 / f.rollup.http.p50)} | ${layer(f.rollup)} / ${layer(f.raw)} | ${f.identical ? `yes (${int(f.bytes)} B)` : `**no**: ${f.difference}`} |`,
    );
  }
  lines.push('');
  for (const f of e.figures) lines.push(`- \`${f.id}\`: ${f.title}. ${f.alternated ? 'Paths timed in turn.' : 'Paths timed one after the other (one server at a time).'} Answer check: ${f.verified}.`);
  if (e.roundTrip !== undefined) lines.push(`- A bare HTTP round trip (\`GET /healthz\`) takes ${e.roundTrip.p50.toFixed(2)} ms p50 here.`);
  return [...lines, ''];
}

function countsSection(run: RollupRunResults): string[] {
  const c = run.counts;
  const lines = [
    `Raw: ${int(c.rawRows)} rows (${mb(c.rawBytes)} with indexes), ${int(c.projectRawRows)} in the queried project, ${int(c.notRolledUp)} not rolled up (read raw).`,
    '',
    '| roll-up table | level | rows (all projects) | rows (queried project) | project roll-up rows per 1,000 raw rows | bytes (table + indexes, all levels) | not yet compacted |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const t of c.tables) {
    for (const [level, n] of Object.entries(t.rowsByLevel)) {
      const p = t.projectRowsByLevel[level] ?? 0;
      lines.push(`| ${t.table} | ${level} s | ${int(n)} | ${int(p)} | ${((p / c.projectRawRows) * 1000).toFixed(1)} | ${mb(t.bytes)} | ${int(t.uncompacted)} |`);
    }
  }
  if (c.layouts.length > 0) {
    lines.push('', 'Dimension layouts on the same raw rows (queried project; distinct cell × dimensions = rows once compacted):', '');
    lines.push('| layout | dimensions | 15 min | 1 h | 1 day |', '| --- | --- | ---: | ---: | ---: |');
    for (const l of c.layouts) {
      lines.push(`| ${l.layout} | ${l.dimensions.join(', ')} | ${int(l.keysByLevel['900'] ?? 0)} | ${int(l.keysByLevel['3600'] ?? 0)} | ${int(l.keysByLevel['86400'] ?? 0)} |`);
    }
  }
  return lines;
}

function ingestSection(run: RollupRunResults): string[] {
  const lines: string[] = [];
  const c = run.create;
  if (c !== null) {
    const every = (f: typeof c.on): string => [f, ...(f.otherRuns ?? [])].map((x) => int(x.requestsPerSecond)).join(' / ');
    lines.push(
      `Create, concurrency ${c.concurrency}, ${int(c.requests)} requests per run, runs in the order ${c.order.join(', ')}, each on a fresh server process (load ${phaseLoad(run, 'create on/off')} after):`,
      '',
      '| roll-ups | req/s (median run) | every run | p50 | p99 | acknowledged | committed |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
      `| on | ${int(c.on.requestsPerSecond)} | ${every(c.on)} | ${c.on.p50} ms | ${c.on.p99} ms | ${int(c.on.acknowledged)} | ${int(c.on.rowsCommitted)} |`,
      `| off | ${int(c.off.requestsPerSecond)} | ${every(c.off)} | ${c.off.p50} ms | ${c.off.p99} ms | ${int(c.off.acknowledged)} | ${int(c.off.rowsCommitted)} |`,
      '',
    );
  }
  const i = run.import;
  if (i !== null) {
    lines.push(
      `Import (\`feedback-server import\`, ${i.importers} importers in parallel, ${i.dataset}, a fresh database each run; load ${phaseLoad(run, 'import on/off')} after): on ${int(i.on)} rows/s, off ${int(i.off)} rows/s (median), runs: ${i.runs.map((r) => `${r.mode} ${int(r.rowsPerSecond)}`).join(', ')}.`,
      '',
    );
  }
  return lines;
}

function pgliteSection(run: RollupRunResults): string[] {
  const ratios = pgliteRatios(run);
  if (ratios.length === 0) return [];
  const lite = run.engines.find((e) => e.engine === 'pglite');
  const pg = run.engines.find((e) => e.engine === 'postgres' && e.tableRows === lite?.tableRows);
  const rawOf = (e: RollupEngineFigures | undefined, id: RollupQueryId): number => e?.figures.find((f) => f.id === id)?.raw.http.p50 ?? Number.NaN;
  return [
    '| query | PostgreSQL roll-up path | PGlite roll-up path | PGlite / PostgreSQL | raw path: PostgreSQL / PGlite |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...ratios.map((r) => `| ${r.id} | ${fmtMs(r.pg)} | ${fmtMs(r.lite)} | ${fmtRatio(r.ratio)} | ${fmtMs(rawOf(pg, r.id))} / ${fmtMs(rawOf(lite, r.id))} |`),
    '',
  ];
}

function profiles(run: RollupRunResults): string[] {
  const lines: string[] = [];
  for (const e of run.engines) {
    if (e.engine !== 'postgres') continue;
    for (const f of e.figures) {
      for (const [name, p] of [['roll-up path', f.rollup], ['raw path', f.raw]] as const) {
        if (p.profile === undefined) continue;
        lines.push(`<details><summary>${e.label}: ${f.id}, ${name} — EXPLAIN (ANALYZE, BUFFERS)</summary>`, '', '```', p.profile, '```', '', '</details>', '');
      }
    }
  }
  return lines;
}

export function renderRollups(runs: readonly RollupRunResults[], notes: string): string[] {
  if (runs.length === 0) return [];
  const targets = rollupTargetRows(runs);
  const out = [
    '## Roll-ups (issue #11)',
    '',
    'Written by `npm run bench -- --rollups` (raw figures in `results/rollups/<size>.json`). The roll-up path is the server as deployed',
    '(FEEDBACK_ROLLUPS=on); the raw path is the same request answered from the raw rows only. Both paths answer each request over',
    'HTTP in turn, and their bodies are compared byte for byte. Times are HTTP p50 over the timed runs, warm; the load average',
    '(1 min) is the one when the phase ended: the machine has 2 cores shared with other work.',
    '',
    '| query | target | measured | verdict |',
    '| --- | --- | --- | --- |',
    ...targets.map((t) => `| ${t.query} | ${t.target} | ${t.measured} | ${t.verdict} |`),
    '',
  ];
  for (const t of targets) {
    if (t.why === undefined || t.why === '') continue;
    out.push(`<details><summary>Why missed: ${t.query} (profile of the roll-up path's statement)</summary>`, '', '```', t.why, '```', '', '</details>', '');
  }
  if (notes.trim().length > 0) out.push(notes.trim(), '');
  for (const run of runs) {
    const m = run.machine;
    out.push(
      `### Roll-ups run: ${run.args.size}`,
      '',
      `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB; Node ${m.node}; PostgreSQL ${m.postgres}; PGlite ${m.pglite}.`,
      `- Run: ${run.startedAt} – ${run.finishedAt} (${run.minutes.toFixed(1)} min), ${run.args.runs} timed runs per query after ${run.args.warmup} warm-up rounds (obvious SQL: ${run.args.baselineRuns}).`,
      `- Load average (1 / 5 / 15 min) after each phase: ${run.loads.map((l) => `${l.phase} ${loadText(l.load)}`).join('; ')}.`,
      `- Datasets: ${run.datasets.map((d) => `${d.label} ${d.dataset.name} (${int(d.dataset.rows)} rows, load ${int(d.dataset.load.rowsPerSecond)} rows/s${d.dataset.reusedLoad ? ', from an earlier run' : ''})`).join('; ')}.`,
      run.verify === null
        ? '- `feedback-server rollups verify`: not run on this table (see the 1M run).'
        : `- \`feedback-server rollups verify --project ${run.verify.project}\`: exit ${run.verify.code} (${run.verify.seconds.toFixed(0)} s) — ${run.verify.output.trim().split('\n').slice(-2).join(' ')}`,
      '',
      ...countsSection(run),
      '',
      ...run.engines.flatMap(queryTable),
      ...ingestSection(run),
      ...pgliteSection(run),
      ...profiles(run),
    );
  }
  return out;
}
