// The dashboard as a user drives it, through the stable test ids of the app's README only: sign
// in, open a project, read each chart panel's attributes, download a panel's CSV. And the API
// calls the page makes, recorded, so a test can ask the API the same question through the SDK.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';

export interface PanelInfo {
  panel: string;
  state: string;
  buckets: number;
  points: number;
  gaps: number;
  first: string;
  last: string;
}

export async function signIn(page: Page, origin: string, key: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByTestId('api-key-input').fill(key);
  await page.getByTestId('sign-in-submit').click();
}

export async function openProject(page: Page, project: string): Promise<void> {
  await page.getByTestId('project-input').fill(project);
  await page.getByTestId('project-input').press('Enter');
}

/** Every chart panel's attributes, in page order. */
export function readPanels(page: Page): Promise<PanelInfo[]> {
  return page.getByTestId('chart-panel').evaluateAll((els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return {
        panel: d['panel'] ?? '',
        state: d['state'] ?? '',
        buckets: Number(d['buckets']),
        points: Number(d['points']),
        gaps: Number(d['gaps']),
        first: d['firstBucket'] ?? '',
        last: d['lastBucket'] ?? '',
      };
    }),
  );
}

export interface ApiCall {
  path: string;
  body: unknown;
  status: number | null;
  /** The parsed answer, once read (the demo's only oracle: its API lives in the page). */
  answer?: unknown;
  /** Answered by a service worker (the demo's MSW fake), not the network. */
  fromServiceWorker?: boolean;
}

/** Records the page's POSTs under /feedback/ with their bodies and (once answered) statuses. */
export function recordApiCalls(page: Page): ApiCall[] {
  const calls: ApiCall[] = [];
  const byRequest = new Map<Request, ApiCall>();
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (req.method() !== 'POST' || !path.startsWith('/feedback/')) return;
    const call: ApiCall = { path, body: req.postDataJSON() as unknown, status: null };
    calls.push(call);
    byRequest.set(req, call);
  });
  page.on('response', (res) => {
    const call = byRequest.get(res.request());
    if (call === undefined) return;
    call.fromServiceWorker = res.fromServiceWorker();
    res.json().then(
      (answer: unknown) => {
        call.answer = answer;
        call.status = res.status();
      },
      () => {
        call.status = res.status();
      },
    );
  });
  return calls;
}

/** The newest answered call to `path` whose body satisfies `accept`. */
export function lastCall<T>(calls: readonly ApiCall[], path: string, accept: (body: T) => boolean = () => true): ApiCall | undefined {
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i];
    if (c !== undefined && c.path === path && c.status === 200 && accept(c.body as T)) return c;
  }
  return undefined;
}

/** The body of the newest answered call to `path` that satisfies `accept`. */
export function lastBody<T>(calls: readonly ApiCall[], path: string, accept: (body: T) => boolean = () => true): T | undefined {
  return lastCall(calls, path, accept)?.body as T | undefined;
}

/** What a test knows of the view it expects: the zone, and the window's length. */
export interface ExpectedView {
  timeZone: string;
  windowMs: number;
}

interface StatsBody {
  start: string;
  end?: string | null;
  timezone?: string;
  metrics?: { json_path: string; value_type?: string }[];
}

interface AggregateBody {
  after_ms: number;
  before_ms: number;
}

/**
 * The newest answered stats call of the view that feeds `panel`: any for `volume` (every stats
 * answer has the rows per bucket), else one whose metrics ask for the panel's path and type.
 */
export function statsCallFor(calls: readonly ApiCall[], panel: string, view: ExpectedView): ApiCall | undefined {
  const [kind, ...rest] = panel.split(':');
  const path = rest.join(':');
  return lastCall<StatsBody>(
    calls,
    '/feedback/stats',
    (b) =>
      b.timezone === view.timeZone &&
      Date.parse(b.end ?? '') - Date.parse(b.start) === view.windowMs &&
      (panel === 'volume' || (b.metrics ?? []).some((m) => m.json_path === path && m.value_type === kind)),
  );
}

/** The newest answered aggregate call of the view. */
export function aggregateCallFor(calls: readonly ApiCall[], view: ExpectedView): ApiCall | undefined {
  return lastCall<AggregateBody>(calls, '/feedback/aggregate', (b) => b.before_ms - b.after_ms === view.windowMs);
}

/**
 * Polls until every panel has settled and reads exactly as `expected` says for the panels shown
 * (worked out afresh each time: a view change sends new requests, and the page may still show the
 * previous answer while they run). Fails with the last difference.
 */
export async function panelsMatch(page: Page, expected: (panels: PanelInfo[]) => Promise<PanelInfo[]>, timeoutMs = 20_000): Promise<PanelInfo[]> {
  const deadline = Date.now() + timeoutMs;
  let actual: PanelInfo[] = [];
  let wanted: PanelInfo[] | undefined;
  let problem: unknown;
  for (;;) {
    actual = await readPanels(page);
    if (actual.length > 0 && actual.every((p) => p.state !== 'loading')) {
      try {
        wanted = await expected(actual);
        problem = undefined;
        if (isDeepStrictEqual(actual, wanted)) return wanted;
      } catch (err) {
        problem = err;
      }
    }
    if (Date.now() > deadline) break;
    await sleep(200);
  }
  if (wanted === undefined || problem !== undefined) throw problem instanceof Error ? problem : new Error(`panels never settled: ${JSON.stringify(actual)}`);
  // The assertion's diff says which panel disagrees with the API, and how.
  expect(actual).toEqual(wanted);
  return wanted;
}

/** Clicks a panel's CSV button and returns the downloaded file's name and text. */
export async function downloadPanelCsv(page: Page, panel: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-testid="chart-panel"][data-panel="${panel}"]`).getByTestId('csv-download').click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}
