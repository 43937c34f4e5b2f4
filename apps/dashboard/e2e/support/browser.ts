// A browser context as a user of the dashboard has one: a time zone, a colour scheme, a window
// size, and the date fixed at the suite's "now" (timers still run), so that the range presets
// cover the seeded week on any day the suite runs, and a slow run never slides the window. Page errors are collected: a view
// that threw is a failed test even if it looks right.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NOW_MS } from './seed-rows.js';

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors and 5xx responses, in order. */
  errors: string[];
  close(): Promise<void>;
}

export interface UserOptions {
  timezoneId?: string;
  colorScheme?: 'light' | 'dark';
  /** The browser's fixed "now" (Date only; timers run); null keeps the real clock. */
  nowMs?: number | null;
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
  const now = opts.nowMs === undefined ? NOW_MS : opts.nowMs;
  if (now !== null) await context.clock.setFixedTime(now);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium logs every 4xx/5xx response as "Failed to load resource"; refusals are part of
    // the flows (the sign-in check's 403 is expected), so responses are judged below instead.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) errors.push(`response ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return { context, page, errors, close: () => context.close() };
}
