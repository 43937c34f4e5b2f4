// `npm run dashboard -w @feedback/bench`: how long the dashboard takes, from page load to its first
// chart drawn, on a project of 100,000 rows. The built `feedback-server` (CLI, as `npm start`
// runs it) serves the built dashboard; headless Chromium (Debian's, through the shared launcher)
// opens a link to the project's whole month, signed in, in a fresh browser context per run (no
// HTTP cache), and reads from the page: the dashboard's `feedback-dashboard:first-chart`
// performance mark (when its first uPlot chart is built), the first frame in which a ready panel
// holds a canvas (polled every animation frame), every panel settled (metric panels included,
// none still fetching), and the API calls' resource timings.
// Several runs, the median reported; writes results/dashboard/first-chart.json. Not a test: no
// figure is asserted.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumPath, launchChromium } from '@feedback/test-support';
import type { Browser } from 'playwright-core';
import { dashboardDataset, DASHBOARD_PROJECT, DASHBOARD_ROWS } from './dashboard-dataset.js';
import { WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';
import { DATA_DIR } from './datasets.js';
import { BENCH_KEY, serverEnv } from './engine-run.js';
import { BENCH_DIR } from './machine.js';
import { databaseUrl, recreateDatabase, withDatabase } from './pg-admin.js';
import { importFiles, startServer, type ServerEnv } from './server-cli.js';
import { summarise, type Timing } from './timing.js';

const USAGE = `Usage: npm run dashboard -w @feedback/bench -- [--runs N] [--warmup N] [--engine pglite|postgres|both] [--seed N] [--database-url URL]
Needs the built server and dashboard (npm run build) and Chromium (CHROMIUM_PATH or /usr/bin/chromium).`;

/** The app's sessionStorage entry for the key (apps/dashboard/src/auth/key-storage.ts). */
const KEY_STORAGE = 'feedback-dashboard.api-key';
/** The app's performance mark when its first uPlot chart is built (apps/dashboard/src/charts/uplot-chart.tsx). */
const FIRST_CHART_MARK = 'feedback-dashboard:first-chart';
const DATABASE = 'feedback_bench_dashboard';

interface RunSample {
  /** navigation start → the app's first-chart mark; null when the app set none. */
  markMs: number | null;
  /** navigation start → first frame with a ready panel holding a canvas. */
  canvasMs: number;
  /** navigation start → every panel (metric panels included) ready or empty, none fetching. */
  allPanelsMs: number;
  /** navigation start → the HTML document's response end. */
  documentMs: number;
  /** Each API call of the page: path, start and duration (ms since navigation start). */
  api: { path: string; startMs: number; durationMs: number }[];
}

interface EngineFigures {
  engine: 'pglite' | 'postgres';
  /** When this engine was measured, and the machine's 1-minute load then (other work on it). */
  measuredAt: string;
  loadAtStart: number;
  loadAtEnd: number;
  loadSeconds: number;
  samples: RunSample[];
  firstChart: Timing;
  mark: Timing | null;
  allPanels: Timing;
  statsCall: Timing;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function projectUrl(baseUrl: string): string {
  const q = new URLSearchParams({
    project: DASHBOARD_PROJECT,
    range: 'custom',
    start: new Date(WINDOW_START_MS).toISOString(),
    end: new Date(WINDOW_END_MS).toISOString(),
    tz: 'America/New_York',
  });
  return `${baseUrl}/?${q.toString()}`;
}

async function measureOnce(browser: Browser, url: string): Promise<RunSample> {
  const context = await browser.newContext({ timezoneId: 'America/New_York', viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(([name, key]) => sessionStorage.setItem(name, key), [KEY_STORAGE, BENCH_KEY] as const);
    const page = await context.newPage();
    const canvasWait = page.waitForFunction(
      () => document.querySelector('[data-testid="chart-panel"][data-state="ready"] canvas') === null ? false : performance.now(),
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    await page.goto(url, { waitUntil: 'commit' });
    const canvasMs = Number(await (await canvasWait).jsonValue());
    const allPanelsMs = Number(
      await (
        await page.waitForFunction(
          () => {
            const panels = [...document.querySelectorAll<HTMLElement>('[data-testid="chart-panel"]')];
            // The metric panels appear once payload_schema has answered; until their own answer
            // lands they may show a placeholder, so "settled" also means nothing is fetching.
            const metricPanels = panels.some((p) => /^(numeric|boolean|categorical):/.test(p.dataset['panel'] ?? ''));
            const settled = panels.every((p) => (p.dataset['state'] === 'ready' || p.dataset['state'] === 'empty') && p.dataset['fetching'] !== 'true');
            return metricPanels && settled ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 120_000 },
        )
      ).jsonValue(),
    );
    const facts = await page.evaluate((mark) => {
      const m = performance.getEntriesByName(mark)[0];
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => new URL(r.name).pathname.startsWith('/feedback/'))
        .map((r) => ({ path: new URL(r.name).pathname, startMs: r.startTime, durationMs: r.responseEnd - r.startTime }));
      return { markMs: m === undefined ? null : m.startTime, documentMs: nav?.responseEnd ?? Number.NaN, api };
    }, FIRST_CHART_MARK);
    return { canvasMs, allPanelsMs, ...facts };
  } finally {
    await context.close();
  }
}

async function loadEngine(engine: 'pglite' | 'postgres', file: string, adminUrl: string): Promise<{ env: ServerEnv; loadSeconds: number }> {
  if (engine === 'pglite') {
    const dir = join(DATA_DIR, 'dashboard-pglite');
    rmSync(dir, { recursive: true, force: true });
    const { seconds, output } = await importFiles([file], { FEEDBACK_DATA_DIR: dir });
    checkImported(output);
    return { env: { FEEDBACK_DATA_DIR: dir }, loadSeconds: seconds };
  }
  await recreateDatabase(adminUrl, DATABASE);
  const url = databaseUrl(adminUrl, DATABASE);
  const { seconds, output } = await importFiles([file], { DATABASE_URL: url });
  checkImported(output);
  await withDatabase(url, async (c) => void (await c.query('VACUUM ANALYZE feedback')));
  return { env: { DATABASE_URL: url }, loadSeconds: seconds };
}

function checkImported(output: string): void {
  const m = /imported (\d+) rows/.exec(output);
  if (Number(m?.[1]) !== DASHBOARD_ROWS) throw new Error(`expected ${DASHBOARD_ROWS} rows imported:\n${output}`);
}

async function benchEngine(engine: 'pglite' | 'postgres', file: string, adminUrl: string, browser: Browser, runs: number, warmup: number): Promise<EngineFigures> {
  const measuredAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const { env, loadSeconds } = await loadEngine(engine, file, adminUrl);
  log(`  ${engine}: ${DASHBOARD_ROWS} rows imported in ${loadSeconds.toFixed(1)} s`);
  const server = await startServer(serverEnv(env));
  try {
    const url = projectUrl(server.baseUrl);
    for (let i = 0; i < warmup; i++) await measureOnce(browser, url);
    const samples: RunSample[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await measureOnce(browser, url);
      samples.push(s);
      log(`  ${engine} run ${i + 1}: first chart ${s.canvasMs.toFixed(0)} ms (mark ${s.markMs === null ? '—' : s.markMs.toFixed(0)}), all panels ${s.allPanelsMs.toFixed(0)} ms, ${s.api.map((a) => `${a.path} ${a.durationMs.toFixed(0)} ms`).join(', ')}`);
    }
    const marks = samples.flatMap((s) => (s.markMs === null ? [] : [s.markMs]));
    const statsCalls = samples.flatMap((s) => s.api.filter((a) => a.path === '/feedback/stats').slice(0, 1).map((a) => a.durationMs));
    return {
      engine,
      measuredAt,
      loadAtStart,
      loadAtEnd: loadavg()[0] ?? 0,
      loadSeconds,
      samples,
      firstChart: summarise(samples.map((s) => s.canvasMs)),
      mark: marks.length === samples.length ? summarise(marks) : null,
      allPanels: summarise(samples.map((s) => s.allPanelsMs)),
      statsCall: summarise(statsCalls),
    };
  } finally {
    await server.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '1' },
      engine: { type: 'string', default: 'both' },
      seed: { type: 'string', default: '42' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const engine = values.engine;
  const engines: readonly ('pglite' | 'postgres')[] | undefined = engine === 'both' ? ['pglite', 'postgres'] : engine === 'pglite' || engine === 'postgres' ? [engine] : undefined;
  if (engines === undefined) {
    log(USAGE);
    return 2;
  }
  const executable = chromiumPath();
  if (executable === undefined) throw new Error('no Chromium found (install chromium or set CHROMIUM_PATH)');
  const adminUrl = values['database-url'] ?? (process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres');
  const startedAt = new Date();
  const dataset = await dashboardDataset(DATA_DIR, Number(values.seed));
  log(`dashboard bench: ${DASHBOARD_ROWS} rows in ${DASHBOARD_PROJECT} (${dataset.seconds === 0 ? 'file reused' : `generated in ${dataset.seconds.toFixed(1)} s`})`);
  const browser = await launchChromium(executable);
  const results: EngineFigures[] = [];
  try {
    for (const engine of engines) results.push(await benchEngine(engine, dataset.file, adminUrl, browser, Number(values.runs), Number(values.warmup)));
    const chromium = browser.version();
    const cpu = cpus();
    const out = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cores: cpu.length, cpuModel: cpu[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, chromium },
      dataset: { project: DASHBOARD_PROJECT, rows: DASHBOARD_ROWS, bytes: dataset.bytes, window: [new Date(WINDOW_START_MS).toISOString(), new Date(WINDOW_END_MS).toISOString()], seed: Number(values.seed) },
      view: 'the whole month (31 days, auto granularity: 1 day), America/New_York, default panels',
      runs: Number(values.runs),
      warmup: Number(values.warmup),
      engines: results,
    };
    const dir = join(BENCH_DIR, 'results', 'dashboard');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'first-chart.json');
    // An engine measured alone keeps the other engine's last figures in the file.
    const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { engines?: EngineFigures[] }).engines ?? [] : [];
    out.engines = [...kept.filter((k) => !results.some((r) => r.engine === k.engine)), ...results].sort((a, b) => a.engine.localeCompare(b.engine));
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    log('');
    log('| engine | first chart drawn (median) | min – max | app mark (median) | every panel settled (median) | /feedback/stats call (median) |');
    log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of out.engines) {
      log(`| ${r.engine} | ${r.firstChart.p50.toFixed(0)} ms | ${r.firstChart.min.toFixed(0)} – ${r.firstChart.max.toFixed(0)} ms | ${r.mark === null ? '—' : `${r.mark.p50.toFixed(0)} ms`} | ${r.allPanels.p50.toFixed(0)} ms | ${r.statsCall.p50.toFixed(0)} ms |`);
    }
    log(`machine: ${out.machine.cores} cores (${out.machine.cpuModel}), Node ${out.machine.node}, Chromium ${chromium}; load ${results.map((r) => `${r.engine} ${r.loadAtStart.toFixed(1)} → ${r.loadAtEnd.toFixed(1)}`).join(', ')}`);
    log('wrote results/dashboard/first-chart.json');
  } finally {
    await browser.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
