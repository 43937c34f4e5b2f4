// Operations: liveness and readiness, the database going away and coming back, request ids,
// the docs page and the spec, unknown routes.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createKeyStore } from '../src/keys/key-store.js';
import type { Db } from '../src/storage/db.js';
import { rejectionOf } from './support/api-error.js';
import { testEngines } from './support/engines.js';
import { outageEngine, type OutageEngine } from './support/outage-engine.js';
import { rawRequest } from './support/raw-http.js';
import { basicAuth, KEYS, startTestServer, type TestServer } from './support/test-server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STATS_REQ = { project_id: 'acme/bot', start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
const AGGREGATE_REQ = { project_id: 'acme/bot', after_ms: 0, before_ms: Date.parse('2024-06-02T00:00:00Z') };
const CREATE_REQ = { project_id: 'acme/bot', weave_ref: 'weave:///acme/bot/call/c1', feedback_type: 'custom', payload: { x: 1 } };

/** What a 503 must look like: retryable, and nothing about the database's insides. */
function expectUnavailable(res: { status: number; headers: Headers; body: unknown }): void {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.body).toEqual({ reason: expect.any(String), error_type: 'ServiceUnavailable' });
  const reason = (res.body as { reason: string }).reason;
  expect(reason).not.toMatch(/select|schema_migrations|feedback\b.*where|ECONNREFUSED|127\.0\.0\.1|\n\s+at\s|\.ts:\d+/i);
}

describe.each(testEngines())('operations on $name', (baseEngine) => {
  const engine: OutageEngine = outageEngine(baseEngine);
  let srv: TestServer;
  const authorized = { authorization: basicAuth(KEYS.alice.key), 'content-type': 'application/json' };
  const post = (path: string, body: unknown) => rawRequest(srv.baseUrl, path, { body: JSON.stringify(body), headers: authorized });

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  it('GET /healthz answers 200 {status: ok} without credentials', async () => {
    const res = await rawRequest(srv.baseUrl, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(await srv.client().healthz()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 {status: ready} while the database answers', async () => {
    const res = await rawRequest(srv.baseUrl, '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
    expect(await srv.client().readyz()).toEqual({ status: 'ready' });
  });

  describe('X-Request-Id', () => {
    it('reuses a well-formed incoming id, on success and on error responses', async () => {
      const ok = await rawRequest(srv.baseUrl, '/healthz', { headers: { 'x-request-id': 'req-42.abc:def_1' } });
      expect(ok.headers.get('x-request-id')).toBe('req-42.abc:def_1');
      const unauthorized = await rawRequest(srv.baseUrl, '/feedback/stats', { body: '{}', headers: { 'x-request-id': 'trace-7', 'content-type': 'application/json' } });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('x-request-id')).toBe('trace-7');
    });

    it('replaces an unsafe incoming id with a generated one', async () => {
      for (const unsafe of ['has spaces', '<script>alert(1)</script>', 'x'.repeat(129), "'; DROP TABLE feedback; --", 'ü-nicode']) {
        const res = await rawRequest(srv.baseUrl, '/healthz', { headers: { 'x-request-id': unsafe } });
        const echoed = res.headers.get('x-request-id');
        expect(echoed).not.toBe(unsafe);
        expect(echoed).toMatch(UUID);
      }
    });

    it('generates a fresh id when none is sent', async () => {
      const a = await rawRequest(srv.baseUrl, '/healthz');
      const b = await rawRequest(srv.baseUrl, '/healthz');
      expect(a.headers.get('x-request-id')).toMatch(UUID);
      expect(b.headers.get('x-request-id')).toMatch(UUID);
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    });

    it('is what the SDK reports on a failed call', async () => {
      const err = await rejectionOf(srv.client('no-such-key-123').stats(STATS_REQ));
      expect(err.status).toBe(401);
      expect(err.requestId).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    });
  });

  it('GET /docs serves an HTML API reference with its assets from this server', async () => {
    const redirect = await rawRequest(srv.baseUrl, '/docs');
    const page = redirect.status === 200 ? redirect : await rawRequest(srv.baseUrl, '/docs/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Feedback API reference');
    const script = await rawRequest(srv.baseUrl, '/docs/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it("GET /openapi.json serves the repository's openapi.json (through @feedback/api-types, no file read)", async () => {
    const res = await rawRequest(srv.baseUrl, '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8')));
  });

  it('answers an unknown route with a 404 JSON body, whatever the path and method', async () => {
    const cases: [string, string][] = [
      ['GET', '/nope'],
      ['POST', '/nope'],
      ['GET', '/feedback/create'],
      ['POST', '/feedback/delete'],
      ['POST', '/healthz'],
      ['GET', '/readyz/extra'],
      ['GET', '/docs/no-such-asset.js'],
      ['DELETE', '/openapi.json'],
    ];
    const seen: { route: string; status: number; type: string | null; body: unknown }[] = [];
    for (const [method, path] of cases) {
      const res = await rawRequest(srv.baseUrl, path, { method, headers: { authorization: basicAuth(KEYS.alice.key) } });
      seen.push({ route: `${method} ${path}`, status: res.status, type: res.headers.get('content-type'), body: res.body });
    }
    // All routes at once, so a failure lists every route that answers otherwise.
    expect(seen).toEqual(
      cases.map(([method, path]) => ({
        route: `${method} ${path}`,
        status: 404,
        type: expect.stringMatching(/^application\/json/),
        body: { reason: expect.any(String), error_type: 'NotFound' },
      })),
    );
  });

  describe.runIf(baseEngine.name === 'postgres')('outage and recovery (PostgreSQL behind a TCP proxy)', () => {
    it('answers 503 while nothing listens on the database port and 200 again once it is back, without a restart', async () => {
      expect((await rawRequest(srv.baseUrl, '/readyz')).status).toBe(200);
      expect((await post('/feedback/stats', STATS_REQ)).status).toBe(200);
      const bringBack = engine.bringBack;
      if (bringBack === undefined) throw new Error('postgres outage engine must be able to come back');

      await engine.takeDown();
      try {
        expectUnavailable(await rawRequest(srv.baseUrl, '/readyz'));
        expectUnavailable(await post('/feedback/stats', STATS_REQ));
        expectUnavailable(await post('/feedback/aggregate', AGGREGATE_REQ));
        expectUnavailable(await post('/feedback/create', CREATE_REQ));
        // Liveness does not depend on the database.
        expect((await rawRequest(srv.baseUrl, '/healthz')).status).toBe(200);
        const err = await rejectionOf(srv.client().readyz());
        expect(err).toMatchObject({ status: 503, errorType: 'ServiceUnavailable', retryable: true });
      } finally {
        await bringBack();
      }

      expect((await rawRequest(srv.baseUrl, '/readyz')).body).toEqual({ status: 'ready' });
      expect((await post('/feedback/stats', STATS_REQ)).status).toBe(200);
      const created = await srv.client().create({ ...CREATE_REQ, id: 'after-recovery' });
      expect(created.id).toBe('after-recovery');
    }, 30_000);
  });

  // Last: on PGlite the outage is final (the database is closed for good).
  it('answers 503 {reason, error_type: ServiceUnavailable} with Retry-After when the database is gone', async () => {
    await engine.takeDown();
    try {
      expectUnavailable(await rawRequest(srv.baseUrl, '/readyz'));
      expectUnavailable(await post('/feedback/stats', STATS_REQ));
      expectUnavailable(await post('/feedback/aggregate', AGGREGATE_REQ));
      expectUnavailable(await post('/feedback/create', CREATE_REQ));
      expect((await rawRequest(srv.baseUrl, '/healthz')).status).toBe(200);
    } finally {
      await engine.bringBack?.();
    }
  }, 30_000);
});

// Engine-independent: a stub database makes the server build a response its own spec forbids.
describe('a response that breaks the contract', () => {
  it("is the server's own 500, never blamed on the client as a 400", async () => {
    const row = { bucket_ms: null, groups: [], total_count: 'many', scored_count: 0, tag_counts: null, rating_counts: null, rating_sums: null };
    const stub: Db = {
      engine: 'pglite',
      query: <T extends object>() => Promise.resolve({ rows: [row as unknown as T] }),
      exec: () => Promise.resolve(),
      transaction: (fn) => fn(stub),
      session: (fn) => fn(stub),
      close: () => Promise.resolve(),
    };
    const app = createApp({ db: stub, keys: createKeyStore(stub, [KEYS.alice]), logger: pino({ level: 'silent' }), validateResponses: true });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await rawRequest(baseUrl, '/feedback/aggregate', {
        body: JSON.stringify(AGGREGATE_REQ),
        headers: { authorization: basicAuth(KEYS.alice.key), 'content-type': 'application/json' },
      });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 500, body: { reason: expect.any(String) } });
      expect(res.text).not.toContain('/response/');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
