// @feedback/sdk against the fake under setupWorker (msw/browser), in a real headless Chromium:
// the page is bundled with vite, served from 127.0.0.1, and MSW's service worker answers the
// SDK's calls to the page's own origin. Skipped without Chromium, except under CI.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from '@feedback/test-support';
import { bundlePage, type PageBundle } from './page-bundle.js';
import { NOW } from './page/feedback-fixture.js';
import { OUTCOME_KEY, type OutcomeWindow, type PageOutcome, type PageResults } from './page/page-results.js';
import { serveStatic, type StaticServer } from './static-server.js';

const executable = chromiumPath();
const DAY = 86_400_000;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface SeenResponse {
  url: string;
  fromServiceWorker: boolean;
}

describe.runIf(executable !== undefined)('the SDK against the fake in Chromium (setupWorker)', () => {
  let bundle: PageBundle | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let results: PageResults;
  const requestedUrls: string[] = [];
  const feedbackResponses: SeenResponse[] = [];

  beforeAll(async () => {
    [bundle, browser] = await Promise.all([bundlePage(), launchChromium(executable!)]);
    server = await serveStatic(bundle.dir);
    // A fresh context: no service worker left from an earlier run.
    const context = await browser.newContext();
    // The context sees the page's requests and those of its service worker.
    context.on('request', (req) => requestedUrls.push(req.url()));
    const page: Page = await context.newPage();
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/feedback/')) {
        feedbackResponses.push({ url: res.url(), fromServiceWorker: res.fromServiceWorker() });
      }
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction((key) => key in window, OUTCOME_KEY, { timeout: 15_000 });
    // The function runs in the page (it cannot see OUTCOME_KEY); page.evaluate awaits the promise.
    const outcome = await page.evaluate<PageOutcome | undefined, typeof OUTCOME_KEY>((key) => (window as OutcomeWindow)[key], OUTCOME_KEY);
    if (outcome === undefined || !outcome.ok) {
      throw new Error(`the page failed: ${outcome?.ok === false ? outcome.error : 'no outcome'}; page errors: ${pageErrors.join('; ')}`);
    }
    results = outcome.results;
    await context.close();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bundle?.remove();
  });

  it('runs under a service worker, and no request leaves the page origin or reaches the network', () => {
    expect(results.origin).toBe(server!.origin);
    expect(results.controlled).toBe(true);
    expect(requestedUrls.length).toBeGreaterThan(0);
    expect(requestedUrls.filter((url) => new URL(url).origin !== server!.origin)).toEqual([]);
    // 1 create, 2 stats, 1 aggregate, 3 refused calls: all answered inside the browser.
    expect(feedbackResponses).toHaveLength(7);
    expect(feedbackResponses.filter((r) => !r.fromServiceWorker)).toEqual([]);
    // The static server saw only the page and the worker script, never an API path.
    expect(server!.requestedPaths.filter((path) => !/^\/(|assets\/[\w.-]+\.js|mockServiceWorker\.js)$/.test(path))).toEqual([]);
    expect(server!.requestedPaths).toContain('/mockServiceWorker.js');
  });

  it('creates a reaction with the stored aliases, the fake clock and the key user', () => {
    expect(results.created).toEqual({
      id: expect.stringMatching(UUID_V7),
      created_at: '2024-03-11T12:00:00.000Z',
      wb_user_id: 'alice',
      payload: { emoji: '👍🏽', alias: ':thumbs_up_medium_skin_tone:', detoned: '👍', detoned_alias: ':thumbs_up:' },
    });
    // The SDK sends its own UUIDv7 client id (so a retry is idempotent): its first 48 bits are the
    // browser's wall clock when the call was made, not the fake's clock.
    const idTimeMs = parseInt(results.created.id.replace(/-/g, '').slice(0, 12), 16);
    expect(idTimeMs).not.toBe(NOW);
    expect(Math.abs(idTimeMs - Date.now())).toBeLessThan(10 * 60_000);
    expect(results.rowCount).toBe(10);
  });

  it('buckets stats by New York local day across the 23-hour 2024-03-10', () => {
    expect(results.dailyStats).toEqual({
      start: '2024-03-09T05:00:00.000Z',
      end: '2024-03-12T04:00:00.000Z',
      granularity: 86400,
      timezone: 'America/New_York',
      buckets: [
        // 0.25 and 0.75; the row at 04:59:59.999Z is local 03-08, before the window.
        { timestamp: '2024-03-09T00:00:00-05:00', avg_output_score: 0.5, max_output_score: 0.75, count_output_score: 2, p50_output_score: 0.5, count: 2 },
        // 1, 0.25 and 0.25 (01:59:59.999 EST, 03:00 EDT, 23:30 EDT), plus a row without a score.
        { timestamp: '2024-03-10T00:00:00-05:00', avg_output_score: 0.5, max_output_score: 1, count_output_score: 3, p50_output_score: 0.25, count: 4 },
        // 0.125 at 04:00Z, local midnight in EDT, and the reaction just created at NOW (no score).
        { timestamp: '2024-03-11T00:00:00-04:00', avg_output_score: 0.125, max_output_score: 0.125, count_output_score: 1, p50_output_score: 0.125, count: 2 },
      ],
      // 0.125 0.25 0.25 0.25 0.75 1: sum 2.625 over 6; the median between the 3rd and 4th value.
      window_stats: { output_score: { avg: 0.4375, max: 1, count: 6, p50: 0.25 } },
    });
  });

  it('skips the local hour that does not exist', () => {
    expect(results.hourlyStats.buckets).toEqual([
      { timestamp: '2024-03-10T00:00:00-05:00', count: 0 },
      { timestamp: '2024-03-10T01:00:00-05:00', count: 1 },
      { timestamp: '2024-03-10T03:00:00-04:00', count: 1 },
      { timestamp: '2024-03-10T04:00:00-04:00', count: 0 },
    ]);
    expect(results.hourlyStats.window_stats).toBeNull();
  });

  it('aggregates seeded and created rows per UTC day and scorer', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
    const bucket = (start: number, scorer: string, total: number, ratings: number[]) => ({
      time_bucket_start_ms: start,
      group: { scorer_id: scorer },
      total_count: total,
      scored_count: ratings.length,
      tag_counts: {},
      rating_counts: ratings.length === 0 ? {} : { _rating_: ratings.length },
      rating_sums: ratings.length === 0 ? {} : { _rating_: ratings.reduce((a, b) => a + b, 0) },
    });
    expect(results.aggregate).toEqual({
      after_ms: day('2024-03-09'),
      before_ms: day('2024-03-09') + 3 * DAY,
      time_bucket_seconds: 86400,
      buckets: [
        bucket(day('2024-03-09'), 'judge', 2, [0.5, 0.25]),
        bucket(day('2024-03-10'), 'judge', 3, [1, 0.25]), // one of the three has no rating
        bucket(day('2024-03-10'), 'tone', 1, [0.75]),
        // The reaction created at NOW: no runnable_ref, so scorer_id "" (first by code point).
        bucket(day('2024-03-11'), '', 1, []),
        bucket(day('2024-03-11'), 'judge', 1, [0.125]),
        bucket(day('2024-03-11'), 'tone', 1, [0.25]),
      ],
    });
  });

  it('throws FeedbackApiError 401 with the reason for a wrong key', () => {
    expect(results.wrongKey).toMatchObject({
      isFeedbackApiError: true,
      name: 'FeedbackApiError',
      kind: 'http',
      status: 401,
      reason: 'Missing or invalid credentials: unknown API key',
      errorType: 'Unauthorized',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('throws FeedbackApiError 422 with detail locations, for a broken rule and a schema violation', () => {
    expect(results.crossFieldInvalid).toMatchObject({
      isFeedbackApiError: true,
      status: 422,
      detail: [{ loc: ['body', 'before_ms'], msg: 'Value error, before_ms must be greater than after_ms', type: 'value_error' }],
    });
    expect(results.schemaInvalid).toMatchObject({
      isFeedbackApiError: true,
      status: 422,
      detail: [{ loc: ['body', 'start'], msg: 'must match format "date-time"', type: 'format_error' }],
    });
  });
});
