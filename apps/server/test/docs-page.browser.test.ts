// The interactive API reference at /docs, rendered by a real headless Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapiSpec } from '@feedback/api-types/spec';
import { chromiumPath, launchChromium } from '@feedback/test-support';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const executable = chromiumPath();
const pglite = testEngines().find((e) => e.name === 'pglite');

describe.runIf(executable !== undefined && pglite !== undefined)('/docs in Chromium', () => {
  let srv: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    srv = await startTestServer(pglite!);
    browser = await launchChromium(executable!);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('renders every operation of openapi.json, offline', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(srv.baseUrl)) external.push(req.url());
    });
    await page.goto(`${srv.baseUrl}/docs/`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
    const paths = await page.$$eval('.opblock-summary-path', (els) => els.map((e) => e.textContent?.trim()));
    expect([...new Set(paths)].sort()).toEqual(Object.keys(openapiSpec.paths).sort());
    expect(await page.textContent('.title')).toContain('Feedback Analytics API');
    expect(external).toEqual([]);
    await page.close();
  }, 60_000);
});
