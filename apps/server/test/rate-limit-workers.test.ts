// FEEDBACK_WORKERS=2 on PostgreSQL: the per-key limit is one count for both worker processes,
// through the shared table, not a limit per process.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { withinOneRateWindow } from './support/rate-window.js';
import { testEngines } from './support/engines.js';
import { basicAuth } from './support/test-server.js';

const KEY = 'limits-key-0123456789';
const LIMIT = 6;
const REQUESTS = 12;
// Longer than the limiter's sync interval (200 ms): each request finds the totals of those before it.
const SPACING_MS = 500;

/** One request on a new connection, so that the cluster hands successive requests to both workers. */
function statsOnNewConnection(baseUrl: string): Promise<number> {
  const body = JSON.stringify({ project_id: 'acme/limits', start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' });
  return new Promise((resolve, reject) => {
    const req = request(new URL('/feedback/stats', baseUrl), {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', authorization: basicAuth(KEY), connection: 'close' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Workers need PostgreSQL: without DATABASE_URL the suite is reported as skipped (an empty
// describe.each would fail the file with "No test suite found").
const postgres = testEngines().find((e) => e.name === 'postgres');

describe.runIf(postgres !== undefined)('rate limits across workers on postgres', () => {
  let storage: CliStorage | undefined;
  let serving: ServeProcess | undefined;
  afterEach(async () => {
    await serving?.stop('SIGKILL');
    serving = undefined;
    await storage?.dispose();
    storage = undefined;
  }, 60_000);

  it('two workers share one per-key count', async () => {
    if (postgres === undefined) throw new Error('unreachable: the suite runs only with PostgreSQL');
    storage = await createCliStorage(postgres);
    serving = await startServe({
      ...storage.env,
      FEEDBACK_API_KEYS: JSON.stringify([{ key: KEY, user: 'ops', projects: ['acme/*'] }]),
      FEEDBACK_WORKERS: '2',
      FEEDBACK_RATE_LIMIT_PER_KEY: String(LIMIT),
      FEEDBACK_RATE_LIMIT_PER_ADDRESS: '0',
    });
    const deadline = Date.now() + 45_000;
    while (!(/\(worker 1\)/.test(serving.stdout()) && /\(worker 2\)/.test(serving.stdout()))) {
      if (Date.now() > deadline) throw new Error('both workers did not start');
      await sleep(50);
    }
    // All requests in one one-minute window: a new window would start the count again.
    await withinOneRateWindow(REQUESTS * SPACING_MS + 5_000);
    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      statuses.push(await statsOnNewConnection(serving.baseUrl));
      await sleep(SPACING_MS);
    }
    const admitted = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    // Each worker may admit one request on totals one sync old; a limit per process would admit 2 × LIMIT.
    expect(admitted).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted).toBeLessThanOrEqual(LIMIT + 1);
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);
  }, 120_000);
});
