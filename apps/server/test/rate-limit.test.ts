// Rate limits over HTTP: per API key after authentication, per client address before it, 429 with
// Retry-After and the IETF RateLimit headers, and one count shared by every app on a database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppDeps, createApp } from '../src/app.js';
import { createKeyStore } from '../src/keys/key-store.js';
import { limiterFor } from '../src/rate-limit/limiter-for.js';
import { postgresHitStore } from '../src/rate-limit/postgres-hit-store.js';
import { WindowLimiter } from '../src/rate-limit/window-limiter.js';
import type { Db } from '../src/storage/db.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { withinOneRateWindow } from './support/rate-window.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import { basicAuth, KEYS } from './support/test-server.js';

const STATS = JSON.stringify({ project_id: 'acme/limits', start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' });
const silent = pino({ level: 'silent' });

describe.each(testEngines())('rate limits on $name', (engine) => {
  const database = useTestDatabase(engine);
  const open: { server: Server; limiter: WindowLimiter }[] = [];

  async function serve(deps: Partial<AppDeps> & { rateLimiter: WindowLimiter }): Promise<string> {
    const db = database().db;
    const app = createApp({ db, keys: createKeyStore(db, Object.values(KEYS)), logger: silent, validateResponses: true, ...deps });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    open.push({ server, limiter: deps.rateLimiter });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  // Every test's requests in one window of the real clock (each test takes well under a second).
  beforeEach(() => withinOneRateWindow(5_000), 15_000);

  afterEach(async () => {
    for (const { server, limiter } of open.splice(0)) {
      limiter.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const stats = (baseUrl: string, headers: Record<string, string>, body = STATS): Promise<RawResponse> =>
    rawRequest(baseUrl, '/feedback/stats', { body, headers: { 'content-type': 'application/json', ...headers } });

  function expectRateLimited(res: RawResponse, limit: number, whose: string): void {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ reason: expect.stringContaining(`Rate limit of ${limit} requests per 60 s for ${whose} exceeded`), error_type: 'RateLimited' });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(res.headers.get('ratelimit-policy')).toBe(`${limit};w=60`);
    expect(res.headers.get('ratelimit')).toBe(`limit=${limit}, remaining=0, reset=${retryAfter}`);
  }

  it('per key: 429 once a key has used its limit, before its body is read; other keys go on', async () => {
    const baseUrl = await serve({ rateLimits: { perKey: 3, perAddress: 0 }, rateLimiter: new WindowLimiter() });
    const alice = { authorization: basicAuth(KEYS.alice.key) };
    for (const remaining of [2, 1, 0]) {
      const res = await stats(baseUrl, alice);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('3;w=60');
      expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^limit=3, remaining=${remaining}, reset=\\d+$`));
    }
    expectRateLimited(await stats(baseUrl, alice), 3, 'this API key');
    // Refused before the body is parsed: malformed JSON is not a 422 here.
    expectRateLimited(await stats(baseUrl, alice, '{"project_id":'), 3, 'this API key');
    // Another key has its own count; an unknown key is still a 401.
    expect((await stats(baseUrl, { authorization: basicAuth(KEYS.bob.key) })).status).toBe(403);
    expect((await stats(baseUrl, { authorization: basicAuth('not-a-key-0123456789') })).status).toBe(401);
  });

  it('per address: counted before authentication, so bad keys from one address do not lock out another', async () => {
    const baseUrl = await serve({ rateLimits: { perKey: 0, perAddress: 3 }, rateLimiter: new WindowLimiter(), trustProxy: 1 });
    const from = (address: string, key: string) => ({ authorization: basicAuth(key), 'x-forwarded-for': address });
    for (let i = 0; i < 3; i++) expect((await stats(baseUrl, from('198.51.100.7', `bad-key-${i}-0123456789`))).status).toBe(401);
    expectRateLimited(await stats(baseUrl, from('198.51.100.7', 'bad-key-x-0123456789')), 3, 'this client address');
    expectRateLimited(await stats(baseUrl, from('198.51.100.7', KEYS.alice.key)), 3, 'this client address');
    expect((await stats(baseUrl, from('192.0.2.1', KEYS.alice.key))).status).toBe(200);
    // The proxy's own address is not the client's: only the last hop it appended counts.
    expect((await stats(baseUrl, from('198.51.100.7, 192.0.2.2', KEYS.alice.key))).status).toBe(200);
    // One IPv6 /64 is one client.
    for (const host of ['2001:db8:7:7::1', '2001:db8:7:7::2', '2001:db8:7:7:ffff::3']) {
      expect((await stats(baseUrl, from(host, KEYS.alice.key))).status).toBe(200);
    }
    expectRateLimited(await stats(baseUrl, from('2001:db8:7:7::4', KEYS.alice.key)), 3, 'this client address');
    expect((await stats(baseUrl, from('2001:db8:7:8::1', KEYS.alice.key))).status).toBe(200);
  });

  it('per address without trusted proxies: X-Forwarded-For is ignored, the peer counts', async () => {
    const baseUrl = await serve({ rateLimits: { perKey: 0, perAddress: 2 }, rateLimiter: new WindowLimiter() });
    const from = (address: string) => ({ authorization: basicAuth(KEYS.alice.key), 'x-forwarded-for': address });
    expect((await stats(baseUrl, from('192.0.2.1'))).status).toBe(200);
    expect((await stats(baseUrl, from('192.0.2.2'))).status).toBe(200);
    expectRateLimited(await stats(baseUrl, from('192.0.2.3')), 2, 'this client address');
  });

  it('0 turns a limit off', async () => {
    const baseUrl = await serve({ rateLimits: { perKey: 0, perAddress: 0 }, rateLimiter: new WindowLimiter() });
    for (let i = 0; i < 20; i++) {
      const res = await stats(baseUrl, { authorization: basicAuth(KEYS.alice.key) });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit')).toBeNull();
    }
  });

  describe('shared through the database', () => {
    // What the server runs: on PostgreSQL limiterFor shares; PGlite serves from one process, so
    // the same store is exercised there explicitly.
    const sharedLimiter = (db: Db) => (engine.name === 'postgres' ? limiterFor(db, silent) : new WindowLimiter({ store: postgresHitStore(db) }));

    it('hits admitted by one app count against another app on the same database', async () => {
      const db = database().db;
      const [a, b] = [sharedLimiter(db), sharedLimiter(db)] as const;
      const limits = { perKey: 10, perAddress: 0 };
      const [urlA, urlB] = [await serve({ rateLimits: limits, rateLimiter: a }), await serve({ rateLimits: limits, rateLimiter: b })];
      const alice = { authorization: basicAuth(KEYS.alice.key) };
      for (let i = 0; i < 6; i++) expect((await stats(urlA, alice)).status).toBe(200);
      await a.sync();
      // B's first hit is admitted on what B knows; its sync brings A's six.
      expect((await stats(urlB, alice)).status).toBe(200);
      await b.sync();
      expect((await stats(urlB, alice)).headers.get('ratelimit')).toMatch(/^limit=10, remaining=2, /);
      expect((await stats(urlB, alice)).status).toBe(200);
      expect((await stats(urlB, alice)).status).toBe(200);
      expectRateLimited(await stats(urlB, alice), 10, 'this API key');
      await b.sync();
      const rows = await db.query<{ hits: string | number }>("SELECT hits FROM rate_limit_hits WHERE bucket LIKE 'k:%'");
      expect(rows.rows.map((r) => Number(r.hits))).toEqual([10]);
    });

    it('keeps only the current window in the table', async () => {
      const db = database().db;
      await db.query('DELETE FROM rate_limit_hits');
      const clock = { now: Date.parse('2024-06-01T12:00:30Z') };
      const limiter = new WindowLimiter({ store: postgresHitStore(db), now: () => clock.now });
      limiter.take('a:192.0.2.1', 5);
      limiter.take('a:192.0.2.2', 5);
      await limiter.sync();
      clock.now += 60_000;
      limiter.take('a:192.0.2.1', 5);
      await limiter.sync();
      const rows = await db.query<{ bucket: string; window_start: string | number; hits: string | number }>(
        'SELECT bucket, window_start, hits FROM rate_limit_hits ORDER BY bucket',
      );
      expect(rows.rows.map((r) => [r.bucket, Number(r.window_start), Number(r.hits)])).toEqual([['a:192.0.2.1', Date.parse('2024-06-01T12:01:00Z'), 1]]);
      limiter.close();
    });
  });
});
