// Renders RESULTS.md from every results/<size>.json (the default 1m run first), plus the
// hand-written analysis in results/notes.md. Rewritten on each run; the JSON files are the record.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuns } from './ingest-bench.js';
import type { RunResults } from './run.js';
import { targetRows } from './targets.js';
import { fmtMs, fmtRatio, queryTables } from './results-tables.js';
import { readRollupRuns, renderRollups } from './rollup-md.js';
import type { RollupRunResults } from './rollup-run.js';

const SIZE_ORDER = ['1m', '10m', '100k'];

function readRuns(dir: string): RunResults[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const runs = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunResults);
  return runs.sort((a, b) => SIZE_ORDER.indexOf(a.args.size) - SIZE_ORDER.indexOf(b.args.size));
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function machineSection(r: RunResults): string[] {
  const m = r.machine;
  const busy = Math.max(m.loadAtStart, m.loadAtEnd) > m.cores * 0.75;
  return [
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory; Node ${m.node}; PostgreSQL ${m.postgres}; PGlite ${m.pglite}.`,
    `- PostgreSQL settings: ${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')}.`,
    `- Load average (1 min) at start ${m.loadAtStart.toFixed(2)}, at end ${m.loadAtEnd.toFixed(2)}${busy ? ' — **the machine was busy with other work during this run: figures are pessimistic**' : ''}.`,
    `- Run: ${r.startedAt} – ${r.finishedAt} (${r.minutes.toFixed(1)} min), ${r.args.runs} timed runs per query after ${r.args.warmup} warm-up runs (obvious SQL: ${r.args.baselineRuns} runs), seed ${r.args.seed}.`,
  ];
}

function datasetSection(r: RunResults): string[] {
  const lines = [
    '| engine | dataset | rows | JSONL | generated | load (`feedback-server import`) | vacuum | table / indexes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { label, dataset: d } of r.datasets) {
    const load = `${Math.round(d.load.rowsPerSecond).toLocaleString('en-US')} rows/s (${d.load.seconds.toFixed(1)} s, ${d.load.importers} importer${d.load.importers > 1 ? 's' : ''})${d.reusedLoad ? ', from an earlier run' : ''}`;
    lines.push(`| ${label} | ${d.name} | ${d.rows.toLocaleString('en-US')} | ${mb(d.fileBytes)} | ${d.generateSeconds === 0 ? 'reused' : `${d.generateSeconds.toFixed(1)} s`} | ${load} | ${d.load.vacuumSeconds.toFixed(1)} s | ${mb(d.tableBytes)} / ${mb(d.indexBytes)} |`);
  }
  return lines;
}

function ingestSection(r: RunResults): string[] {
  if (r.ingest.length === 0) return ['Not run (`--no-ingest`).'];
  const lines = [
    '| concurrency | LOG_LEVEL | workers | requests per run | req/s (median run) | req/s of every run | p50 | p99 | max | acknowledged (2xx, all runs) | failed (all runs) | rows committed (all runs) | lost |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const f of r.ingest) {
    const runs = allRuns(f);
    const acknowledged = runs.reduce((n, x) => n + x.acknowledged, 0);
    const committed = runs.reduce((n, x) => n + x.rowsCommitted, 0);
    const every = runs.map((x) => Math.round(x.requestsPerSecond)).sort((a, b) => a - b).map((x) => x.toLocaleString('en-US')).join(' / ');
    lines.push(`| ${f.concurrency} | ${f.logLevel} | ${f.workers ?? 1} | ${f.requests} | ${Math.round(f.requestsPerSecond).toLocaleString('en-US')} | ${every} | ${f.p50} ms | ${f.p99} ms | ${f.max} ms | ${acknowledged} | ${runs.reduce((n, x) => n + x.failed, 0)} | ${committed} | ${Math.max(0, acknowledged - committed)} |`);
  }
  lines.push('', 'Each configuration ran three times in a row against the same server; the median run by req/s is shown. req/s counts 2xx responses from the first request to the last response.');
  return lines;
}

function ingestProfileSection(r: RunResults): string[] {
  const lines: string[] = [];
  if (r.bareHttpCeiling !== null && r.bareHttpCeiling !== undefined) {
    const express = r.expressCeiling === null || r.expressCeiling === undefined
      ? ''
      : ` Express 5 with its JSON body parser and nothing else (no validation, auth, logging or database) reaches ${Math.round(r.expressCeiling).toLocaleString('en-US')} req/s.`;
    lines.push(`Ceilings: a bare \`node:http\` server (no framework, no validation, no database) answering the same request reaches ${Math.round(r.bareHttpCeiling).toLocaleString('en-US')} req/s at concurrency 64 with the same load generator on the same cores.${express}`, '');
  }
  if ((r.ingestProfile ?? []).length > 0) {
    lines.push('Server CPU profile during a separate c=64 create run (`--cpu-prof`; share of samples with the package on the stack, so shares overlap):', '');
    lines.push('| package | share of samples |', '| --- | ---: |');
    for (const p of r.ingestProfile) lines.push(`| ${p.name} | ${p.percent.toFixed(1)}% |`);
  }
  return lines;
}

function pgliteSection(r: RunResults): string[] {
  const lite = r.queries.find((q) => q.engine === 'pglite');
  if (lite === undefined) return [];
  const pg = r.queries.find((q) => q.engine === 'postgres' && q.tableRows === lite.tableRows);
  if (pg === undefined) return [];
  const lines = [
    `### PGlite vs PostgreSQL (${lite.tableRows.toLocaleString('en-US')} rows, same dataset, HTTP p50)`,
    '',
    '| query | PostgreSQL | PGlite | PGlite / PostgreSQL |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const f of lite.figures) {
    const p = pg.figures.find((x) => x.id === f.id);
    if (p === undefined) continue;
    lines.push(`| ${f.id} | ${fmtMs(p.http.p50)} | ${fmtMs(f.http.p50)} | ${fmtRatio(f.http.p50 / p.http.p50)} |`);
  }
  return lines;
}

function planSection(r: RunResults): string[] {
  const lines: string[] = [];
  for (const q of r.queries) {
    for (const f of q.figures) {
      lines.push(`<details><summary>${q.label}: ${f.id} — EXPLAIN (ANALYZE, BUFFERS) of the server's statement</summary>`, '', '```', f.plan, '```', '', '</details>', '');
    }
  }
  return lines;
}

export function renderResults(runs: readonly RunResults[], notes: string, rollups: readonly RollupRunResults[] = [], rollupNotes = ''): string {
  const out = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (see [README.md](README.md)); the raw figures are in `results/<size>.json`.',
    'All times are milliseconds of wall-clock time seen by the caller, warm cache; p50/p95/max over the timed runs.',
    '',
    '## Targets',
    '',
    ...targetRows(runs),
    '',
    ...renderRollups(rollups, rollupNotes),
  ];
  for (const r of runs) {
    out.push(`## Run: ${r.args.size} on PostgreSQL`, '', ...machineSection(r), '', '### Datasets', '', ...datasetSection(r), '');
    out.push(...queryTables(r.queries), '');
    out.push('### Ingest: `/feedback/create` over HTTP (autocannon, request validation on)', '', ...ingestSection(r), '', ...ingestProfileSection(r), '');
    out.push(...pgliteSection(r), '', '### Profiles', '', ...planSection(r));
  }
  if (notes.trim().length > 0) out.push(notes.trim(), '');
  return `${out.join('\n')}\n`;
}

export function writeResultsMarkdown(resultsDir: string, target: string): string {
  const notesFile = join(resultsDir, 'notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
  const rollupNotesFile = join(resultsDir, 'rollups', 'notes.md');
  const rollupNotes = existsSync(rollupNotesFile) ? readFileSync(rollupNotesFile, 'utf8') : '';
  writeFileSync(target, renderResults(readRuns(resultsDir), notes, readRollupRuns(resultsDir), rollupNotes));
  return target;
}
