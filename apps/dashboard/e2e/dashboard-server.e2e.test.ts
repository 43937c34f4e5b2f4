// The dashboard served by the reference server (in-process, PGlite, seeded with a week of known
// rows), in a real headless Chromium: sign in, open a project, and every chart checked against the
// API's own answer to the same request, asked again through the SDK. Then the time zone, group_by,
// a reload from the URL, the CSV files, axe-core in light and dark, and the README's screenshots.
import type { FeedbackAggregateReq, FeedbackStatsReq } from '@feedback/sdk';
import { chromiumPath, launchChromium } from '@feedback/test-support';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations } from './support/axe.js';
import { openUserPage, type UserPage } from './support/browser.js';
import { csvRecords } from './support/csv.js';
import {
  aggregateCallFor,
  downloadPanelCsv,
  openProject,
  panelsMatch,
  recordApiCalls,
  signIn,
  statsCallFor,
  type ApiCall,
  type ExpectedView,
  type PanelInfo,
} from './support/dashboard-page.js';
import { aggregateCounts, localLabel, slugOf, statsCounts, type ChartCounts } from './support/expected.js';
import { KEYS, startRealServer, type RealServer } from './support/real-server.js';
import { saveScreenshot } from './support/screenshots.js';
import { EMPTY_PROJECT, NOW_MS, PROJECT } from './support/seed-rows.js';

const executable = chromiumPath();
const WEEK_MS = 7 * 86_400_000;

describe.runIf(executable !== undefined)('the dashboard on the reference server, in Chromium', () => {
  let srv: RealServer;
  let browser: Browser;
  // The SDK's answer per request body: a view is compared many times while it settles.
  const answers = new Map<string, Promise<unknown>>();

  beforeAll(async () => {
    [srv, browser] = await Promise.all([startRealServer(), launchChromium(executable!)]);
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  function askStats(body: FeedbackStatsReq) {
    const key = `stats ${JSON.stringify(body)}`;
    if (!answers.has(key)) answers.set(key, srv.api.stats(body));
    return answers.get(key) as ReturnType<RealServer['api']['stats']>;
  }

  function askAggregate(body: FeedbackAggregateReq) {
    const key = `aggregate ${JSON.stringify(body)}`;
    if (!answers.has(key)) answers.set(key, srv.api.aggregate(body));
    return answers.get(key) as ReturnType<RealServer['api']['aggregate']>;
  }

  /** Every panel as the API's answers (through the SDK) to the page's requests say it must read. */
  function expectedPanels(calls: readonly ApiCall[], view: ExpectedView) {
    return (panels: PanelInfo[]) =>
      Promise.all(
        panels.map(async (p): Promise<PanelInfo> => {
          let c: ChartCounts;
          if (p.panel === 'aggregate') {
            const call = aggregateCallFor(calls, view);
            if (call === undefined) throw new Error('the page asked no aggregate for this view');
            c = aggregateCounts(await askAggregate(call.body as FeedbackAggregateReq), view.timeZone);
          } else {
            const call = statsCallFor(calls, p.panel, view);
            if (call === undefined) throw new Error(`the page asked no stats for panel ${p.panel} in this view`);
            c = statsCounts(await askStats(call.body as FeedbackStatsReq), p.panel, view.timeZone);
          }
          return { panel: p.panel, state: c.points > 0 ? 'ready' : 'empty', ...c };
        }),
      );
  }

  async function openSeededProject(u: UserPage): Promise<ApiCall[]> {
    const calls = recordApiCalls(u.page);
    await signIn(u.page, srv.baseUrl, KEYS.lead.key);
    await openProject(u.page, PROJECT);
    await u.page.locator('[data-testid="range-preset"][data-range="7d"]').click();
    return calls;
  }

  const panelOf = (panels: readonly PanelInfo[], name: string) => panels.find((p) => p.panel === name);

  it('explains a key the server refuses (401) and a project the key may not read (403)', async () => {
    const u = await openUserPage(browser);
    const other = await openUserPage(browser);
    try {
      // The key is checked at sign-in: an unknown one never gets past the form.
      await signIn(u.page, srv.baseUrl, 'not-a-key-0123456789');
      const refused = u.page.getByTestId('auth-error');
      await refused.waitFor({ timeout: 15_000 });
      expect(await refused.getAttribute('data-status')).toBe('401');
      expect(await refused.innerText()).toMatch(/key/i);
      await expect(u.page.getByTestId('project-input').count()).resolves.toBe(0);
      // A valid key of another entity signs in, and the project is refused with a 403, said so.
      await signIn(other.page, srv.baseUrl, KEYS.outsider.key);
      await openProject(other.page, PROJECT);
      const forbidden = other.page.getByTestId('auth-error');
      await forbidden.waitFor({ timeout: 15_000 });
      expect(await forbidden.getAttribute('data-status')).toBe('403');
      expect(await forbidden.innerText()).toMatch(/project/i);
      expect([...u.errors, ...other.errors]).toEqual([]);
    } finally {
      await u.close();
      await other.close();
    }
  });

  it('draws every chart with the buckets, points and gaps of the API answer; the zone moves the buckets', async () => {
    const u = await openUserPage(browser, { timezoneId: 'America/New_York' });
    try {
      const calls = await openSeededProject(u);
      const nyView = { timeZone: 'America/New_York', windowMs: WEEK_MS };
      const ny = await panelsMatch(u.page, expectedPanels(calls, nyView));
      // The view asked for what it shows: the browser's zone, the week up to "now".
      const body = statsCallFor(calls, 'volume', nyView)?.body as FeedbackStatsReq;
      expect(body.project_id).toBe(PROJECT);
      expect(Date.parse(body.end ?? '')).toBeGreaterThanOrEqual(NOW_MS - 60_000);
      // Every kind of panel is there, each with data.
      expect(ny.map((p) => p.panel)).toEqual(expect.arrayContaining(['volume', expect.stringMatching(/^numeric:/), expect.stringMatching(/^boolean:/), expect.stringMatching(/^categorical:/), 'aggregate']));
      for (const p of ny) expect(p.points, p.panel).toBeGreaterThan(0);
      // The seed's quiet New York day is two empty 12-hour buckets: drawn as gaps, not zeros.
      expect(panelOf(ny, 'volume')).toMatchObject({ buckets: 15, gaps: 2, first: '2024-03-05 00:00' });
      expect(panelOf(ny, 'numeric:output.score')).toMatchObject({ buckets: 15, gaps: 2 });

      // Kolkata (UTC+5:30): buckets start at its own midnight and noon, so the labels and the
      // instants move, and the quiet New York day now covers one whole bucket.
      await u.page.getByTestId('tz-select').selectOption('Asia/Kolkata');
      const kolkata = await panelsMatch(u.page, expectedPanels(calls, { timeZone: 'Asia/Kolkata', windowMs: WEEK_MS }));
      expect(panelOf(kolkata, 'volume')).toMatchObject({ buckets: 15, gaps: 1, first: '2024-03-05 12:00' });
      expect(new URL(u.page.url()).searchParams.get('tz')).toBe('Asia/Kolkata');
      expect(u.errors).toEqual([]);
    } finally {
      await u.close();
    }
  });

  it('shows a project without rows as empty, never as zeros', async () => {
    const u = await openUserPage(browser);
    try {
      const calls = recordApiCalls(u.page);
      await signIn(u.page, srv.baseUrl, KEYS.lead.key);
      await openProject(u.page, EMPTY_PROJECT);
      await u.page.locator('[data-testid="range-preset"][data-range="7d"]').click();
      const panels = await panelsMatch(u.page, expectedPanels(calls, { timeZone: 'America/New_York', windowMs: WEEK_MS }));
      expect(panels.map((p) => p.panel).sort()).toEqual(['aggregate', 'volume']);
      for (const p of panels) expect(p, p.panel).toMatchObject({ state: 'empty', points: 0 });
      expect(u.errors).toEqual([]);
    } finally {
      await u.close();
    }
  });

  it('groups the aggregate view, keeps the view in the URL across a reload, and downloads the API answers as CSV', async () => {
    const u = await openUserPage(browser, { timezoneId: 'America/New_York' });
    try {
      const calls = await openSeededProject(u);
      await u.page.getByTestId('tz-select').selectOption('UTC');
      await u.page.getByTestId('group-by-select').selectOption(['span_status_code']);
      const view = { timeZone: 'UTC', windowMs: WEEK_MS };
      const expectGrouped = async (panels: PanelInfo[]) => {
        const grouped = aggregateCallFor(calls, view)?.body as FeedbackAggregateReq | undefined;
        if (grouped?.group_by?.join() !== 'span_status_code') throw new Error('the grouped aggregate is not answered yet');
        return expectedPanels(calls, view)(panels);
      };
      const before = await panelsMatch(u.page, expectGrouped);
      const url = u.page.url();
      expect(new URL(url).searchParams.getAll('group')).toEqual(['span_status_code']);

      // The aggregate CSV is the API's rows, one per (bucket, group); the legend names its groups.
      const aggregate = await askAggregate(aggregateCallFor(calls, view)!.body as FeedbackAggregateReq);
      const aggCsv = csvRecords((await downloadPanelCsv(u.page, 'aggregate')).text);
      expect(aggCsv).toEqual(
        (aggregate.buckets ?? []).map((b) => ({
          time_bucket_start_ms: String(b.time_bucket_start_ms),
          'local_time (UTC)': localLabel(b.time_bucket_start_ms ?? 0, 'UTC'),
          span_status_code: b.group?.['span_status_code'] ?? '',
          total_count: String(b.total_count),
          scored_count: String(b.scored_count),
        })),
      );
      expect(new Set(aggCsv.map((r) => r['span_status_code']))).toEqual(new Set(['OK', 'ERROR', 'UNSET']));
      const legend = await u.page.locator('[data-testid="chart-panel"][data-panel="aggregate"]').getByRole('list', { name: 'Groups' }).locator('li').allInnerTexts();
      expect(legend.map((t) => t.trim()).sort()).toEqual(['ERROR', 'OK', 'UNSET']);

      // Tag counts and rating averages (sum / count, which the API gives as parts) over the window.
      const tagTotals = new Map<string, number>();
      const ratings = new Map<string, { sum: number; count: number }>();
      for (const b of aggregate.buckets ?? []) {
        for (const [tag, n] of Object.entries(b.tag_counts ?? {})) tagTotals.set(tag, (tagTotals.get(tag) ?? 0) + n);
        for (const [rating, n] of Object.entries(b.rating_counts ?? {})) {
          const key = `${b.group?.['span_status_code'] ?? ''} ${rating}`;
          const r = ratings.get(key) ?? { sum: 0, count: 0 };
          ratings.set(key, { sum: r.sum + (b.rating_sums?.[rating] ?? 0), count: r.count + n });
        }
      }
      const tableRows = (testId: string) =>
        u.page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
      expect(new Map((await tableRows('tag-counts')).map(([tag, n]) => [tag ?? '', Number(n)]))).toEqual(tagTotals);
      const shownRatings = await tableRows('rating-averages');
      expect(shownRatings.map(([group, rating]) => `${group} ${rating}`).sort()).toEqual([...ratings.keys()].sort());
      for (const [group, rating, average, count] of shownRatings) {
        const r = ratings.get(`${group} ${rating}`);
        expect(Number(count)).toBe(r?.count);
        expect(Number(average)).toBeCloseTo((r?.sum ?? Number.NaN) / (r?.count ?? Number.NaN), 9);
      }

      // The volume and numeric CSVs: the answer's timestamps and values, gaps as empty cells.
      const volumeAnswer = await askStats(statsCallFor(calls, 'volume', view)!.body as FeedbackStatsReq);
      const volumeCsv = csvRecords((await downloadPanelCsv(u.page, 'volume')).text);
      expect(volumeCsv).toEqual((volumeAnswer.buckets ?? []).map((b) => ({ timestamp: b.timestamp, 'local_time (UTC)': localLabel(Date.parse(b.timestamp), 'UTC'), count: String(b.count) })));
      const numeric = 'numeric:output.score';
      const slug = slugOf('output.score');
      const numericAnswer = await askStats(statsCallFor(calls, numeric, view)!.body as FeedbackStatsReq);
      const cell = (v: unknown) => (typeof v === 'number' ? String(v) : '');
      const numericCsv = csvRecords((await downloadPanelCsv(u.page, numeric)).text);
      expect(numericCsv.map((r) => [r['timestamp'], r['avg'], r['p50'], r['p95'], r['min'], r['max']])).toEqual(
        (numericAnswer.buckets ?? []).map((b) => [b.timestamp, cell(b[`avg_${slug}`]), cell(b[`p50_${slug}`]), cell(b[`p95_${slug}`]), cell(b[`min_${slug}`]), cell(b[`max_${slug}`])]),
      );
      expect(numericCsv.filter((r) => r['avg'] === '').length).toBe(panelOf(before, numeric)?.gaps);

      // A reload from the URL alone gives the same view (the key survives in the tab's session).
      await u.page.reload();
      await panelsMatch(u.page, async () => before);
      expect(u.page.url()).toBe(url);
      expect(await u.page.getByTestId('tz-select').inputValue()).toBe('UTC');
      // And the link in a new tab, in another zone, asks for the key, then shows the same view.
      const other = await openUserPage(browser, { timezoneId: 'Europe/Berlin' });
      try {
        await other.page.goto(url);
        await other.page.getByTestId('api-key-input').fill(KEYS.lead.key);
        await other.page.getByTestId('sign-in-submit').click();
        await panelsMatch(other.page, async () => before);
        expect(other.errors).toEqual([]);
      } finally {
        await other.close();
      }
      expect(u.errors).toEqual([]);
    } finally {
      await u.close();
    }
  });

  it('axe-core, as injected here, does report a serious violation (so the check below can fail)', async () => {
    const u = await openUserPage(browser);
    try {
      await u.page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><button></button></main></body></html>');
      expect((await blockingViolations(u.page)).map((v) => v.id)).toContain('button-name');
    } finally {
      await u.close();
    }
  });

  it('has no serious or critical accessibility violations, light and dark; writes the README screenshots', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const u = await openUserPage(browser, { timezoneId: 'America/New_York', colorScheme: scheme });
      try {
        await u.page.goto(`${srv.baseUrl}/`);
        await u.page.getByTestId('api-key-input').waitFor();
        expect(await blockingViolations(u.page), `sign-in, ${scheme}`).toEqual([]);
        const calls = await openSeededProject(u);
        await panelsMatch(u.page, expectedPanels(calls, { timeZone: 'America/New_York', windowMs: WEEK_MS }));
        expect(await blockingViolations(u.page), `project view, ${scheme}`).toEqual([]);
        await screenshots(u.page, scheme);
        expect(u.errors).toEqual([]);
      } finally {
        await u.close();
      }
    }
  });
});

/** The README's pictures: the project overview and the aggregate view (light), and the overview in dark. */
async function screenshots(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  if (scheme === 'dark') {
    await saveScreenshot(page, 'dashboard-dark');
    return;
  }
  await saveScreenshot(page, 'dashboard-project');
  await saveScreenshot(page.locator('section[aria-labelledby="aggregate-title"]'), 'dashboard-aggregate');
}
