// The same main flow on the demo build (`npm run dashboard:demo`): no server at all, the app's
// calls answered by MSW's service worker with the in-browser fake. Each chart is checked against
// the fake's own answer to the page's request, as the page received it.
import type { FeedbackAggregateRes, FeedbackStatsRes } from '@feedback/sdk';
import { chromiumPath, launchChromium } from '@feedback/test-support';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUserPage } from './support/browser.js';
import { aggregateCallFor, openProject, panelsMatch, recordApiCalls, statsCallFor, type ApiCall, type ExpectedView, type PanelInfo } from './support/dashboard-page.js';
import { startDemoServer, type DemoServer } from './support/demo-server.js';
import { aggregateCounts, statsCounts } from './support/expected.js';

const executable = chromiumPath();
const DEMO_KEY = 'demo-key';
const DEMO_PROJECT = 'acme/support-bot';

const WEEK_MS = 7 * 86_400_000;

/** Every panel as the fake's answers, as the page received them, say it must read. */
function expectedFromAnswers(calls: readonly ApiCall[], view: ExpectedView) {
  return async (panels: PanelInfo[]): Promise<PanelInfo[]> =>
    panels.map((p) => {
      const answer = p.panel === 'aggregate' ? aggregateCallFor(calls, view)?.answer : statsCallFor(calls, p.panel, view)?.answer;
      if (answer === undefined) throw new Error(`no answer seen for panel ${p.panel} in this view`);
      const c = p.panel === 'aggregate' ? aggregateCounts(answer as FeedbackAggregateRes, view.timeZone) : statsCounts(answer as FeedbackStatsRes, p.panel, view.timeZone);
      return { panel: p.panel, state: c.points > 0 ? 'ready' : 'empty', ...c };
    });
}

describe.runIf(executable !== undefined)('the demo build on the in-browser fake, in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoServer(), launchChromium(executable!)]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('signs in, opens the demo project and draws every chart from the fake\'s answers, in two zones', async () => {
    // The demo's data lies around the real date: the browser keeps its real clock here.
    const u = await openUserPage(browser, { timezoneId: 'America/New_York', nowMs: null });
    const requested: string[] = [];
    u.context.on('request', (req) => requested.push(req.url()));
    try {
      const calls = recordApiCalls(u.page);
      await u.page.goto(`${demo.origin}/`);
      await u.page.getByTestId('api-key-input').fill(DEMO_KEY);
      await u.page.getByTestId('sign-in-submit').click();
      await openProject(u.page, DEMO_PROJECT);
      await u.page.locator('[data-testid="range-preset"][data-range="7d"]').click();
      const ny = await panelsMatch(u.page, expectedFromAnswers(calls, { timeZone: 'America/New_York', windowMs: WEEK_MS }));
      expect(ny.map((p) => p.panel)).toEqual(expect.arrayContaining(['volume', expect.stringMatching(/^numeric:/), 'aggregate']));
      for (const p of ny) expect(p.points, p.panel).toBeGreaterThan(0);

      await u.page.getByTestId('tz-select').selectOption('Asia/Kolkata');
      const kolkata = await panelsMatch(u.page, expectedFromAnswers(calls, { timeZone: 'Asia/Kolkata', windowMs: WEEK_MS }));
      expect(kolkata.map((p) => p.panel)).toEqual(ny.map((p) => p.panel));
      // The zone moved the buckets themselves. Compared as instants, not labels: both zones' days
      // start at 00:00, and from 05:00 to 18:30 UTC on the same date, so their labels read alike.
      const firstBucketMs = (timeZone: string): number => {
        const answer = statsCallFor(calls, 'volume', { timeZone, windowMs: WEEK_MS })?.answer as FeedbackStatsRes | undefined;
        return Date.parse(answer?.buckets?.[0]?.timestamp ?? '');
      };
      expect(firstBucketMs('Asia/Kolkata')).not.toBe(firstBucketMs('America/New_York'));
      expect(Number.isNaN(firstBucketMs('Asia/Kolkata'))).toBe(false);

      // Every API call was answered inside the browser; nothing left the page's origin.
      // (A request superseded by a later view change may be cancelled: it has no answer at all.)
      const answered = calls.filter((c) => c.status !== null);
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.filter((c) => c.fromServiceWorker !== true)).toEqual([]);
      expect(requested.filter((url) => new URL(url).origin !== demo.origin)).toEqual([]);
      expect(u.errors).toEqual([]);
    } finally {
      await u.close();
    }
  });
});
