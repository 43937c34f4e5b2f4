// A browser context as a user of the dashboard has one: a time zone, a colour scheme, a window
// size, and the clock set to the suite's "now" (it keeps running from there), so that the range
// presets cover the seeded week on any day the suite runs. Page errors are collected: a view
// that threw is a failed test even if it looks right.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NOW_MS } from './seed-rows.js';

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, in order. */
  errors: string[];
  close(): Promise<void>;
}

export interface UserOptions {
  timezoneId?: string;
  colorScheme?: 'light' | 'dark';
  nowMs?: number;
}

export async function openUserPage(browser: Browser, opts: UserOptions = {}): Promise<UserPage> {
  const context = await browser.newContext({
    timezoneId: opts.timezoneId ?? 'America/New_York',
    colorScheme: opts.colorScheme ?? 'light',
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // Screenshots in docs/ are of the light theme unless asked, at one device pixel per CSS px.
    deviceScaleFactor: 1,
  });
  await context.clock.install({ time: opts.nowMs ?? NOW_MS });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors, close: () => context.close() };
}
