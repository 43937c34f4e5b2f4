// Key lifecycle over HTTP, in process, on each engine: scopes on every endpoint, revoked and
// expired keys refused at once, rotation, last_used_at, and the user and key id in the log line.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertKey, listKeys, revokeKey, rotateKey } from '../src/keys/key-admin.js';
import { hashKey, keyIdOf } from '../src/keys/key-hash.js';
import { testEngines } from './support/engines.js';
import { rawRequest, type RawResponse } from './support/raw-http.js';
import { basicAuth, KEYS, startTestServer, type TestServer } from './support/test-server.js';

const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
const BODIES = {
  create: { project_id: 'acme/life', weave_ref: 'weave:///acme/life/call/c1', feedback_type: 'custom', payload: { x: 1 } },
  stats: { project_id: 'acme/life', ...WINDOW },
  aggregate: { project_id: 'acme/life', after_ms: Date.parse(WINDOW.start), before_ms: Date.parse(WINDOW.end) },
} as const;
type Endpoint = keyof typeof BODIES;
const ENDPOINTS = Object.keys(BODIES) as Endpoint[];

let serial = 0;
/** A fresh key string, unique across the file (each test creates its own keys). */
const freshKey = (name: string) => `${name}-key-${++serial}-0123456789`;

function capturedLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () => chunks.join('').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe.each(testEngines())('key lifecycle on $name', (engine) => {
  let srv: TestServer;
  const log = capturedLogger();
  const call = (endpoint: Endpoint, key: string): Promise<RawResponse> =>
    rawRequest(srv.baseUrl, `/feedback/${endpoint}`, {
      body: JSON.stringify(BODIES[endpoint]),
      headers: { 'content-type': 'application/json', authorization: basicAuth(key) },
    });

  beforeAll(async () => {
    srv = await startTestServer(engine, { logger: log.logger });
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('scopes, on each endpoint', () => {
    it('ingest may create and nothing else; read may read and not create; both may do all', async () => {
      const ingest = freshKey('ingest');
      const read = freshKey('read');
      const both = freshKey('both');
      await insertKey(srv.db, { key: ingest, userId: 'widget', projects: ['acme/*'], scopes: ['ingest'] });
      await insertKey(srv.db, { key: read, userId: 'dash', projects: ['acme/*'], scopes: ['read'] });
      await insertKey(srv.db, { key: both, userId: 'svc', projects: ['acme/*'] });
      const statuses: Record<string, Record<Endpoint, number>> = {};
      for (const [name, key] of Object.entries({ ingest, read, both })) {
        statuses[name] = { create: 0, stats: 0, aggregate: 0 };
        for (const endpoint of ENDPOINTS) statuses[name][endpoint] = (await call(endpoint, key)).status;
      }
      expect(statuses).toEqual({
        ingest: { create: 200, stats: 403, aggregate: 403 },
        read: { create: 403, stats: 200, aggregate: 200 },
        both: { create: 200, stats: 200, aggregate: 200 },
      });
    }, 60_000);

    it('names the missing scope in the 403, and refuses before looking at the body', async () => {
      const ingest = freshKey('ingest');
      await insertKey(srv.db, { key: ingest, userId: 'widget', projects: ['acme/*'], scopes: ['ingest'] });
      const res = await rawRequest(srv.baseUrl, '/feedback/stats', {
        body: '{"project_id": ',
        headers: { 'content-type': 'application/json', authorization: basicAuth(ingest) },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ reason: 'This key lacks the "read" scope that /feedback/stats needs', error_type: 'Forbidden' });
    }, 60_000);

    it('an environment key gets its scopes too', async () => {
      // KEYS from test-server.ts have no scopes: both.
      expect((await call('create', KEYS.alice.key)).status).toBe(200);
      expect((await call('stats', KEYS.alice.key)).status).toBe(200);
    }, 60_000);
  });

  describe('revoked and expired keys are refused at once', () => {
    it('a revoked key answers 401 on the very next request, though it was cached', async () => {
      const key = freshKey('revoked');
      const keyId = await insertKey(srv.db, { key, userId: 'eve', projects: ['acme/*'] });
      for (const endpoint of ENDPOINTS) expect((await call(endpoint, key)).status).toBe(200);
      expect(await revokeKey(srv.db, keyId)).toBe(true);
      for (const endpoint of ENDPOINTS) {
        const res = await call(endpoint, key);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ reason: 'Missing or invalid credentials: this API key was revoked', error_type: 'Unauthorized' });
      }
      expect(await revokeKey(srv.db, keyId)).toBe(false);
    }, 60_000);

    it('an expired key answers 401 with its own reason', async () => {
      const key = freshKey('expired');
      await insertKey(srv.db, { key, userId: 'eve', projects: ['acme/*'], expiresAtMs: Date.now() - 1 });
      const res = await call('create', key);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ reason: 'Missing or invalid credentials: this API key has expired', error_type: 'Unauthorized' });
    }, 60_000);
  });

  describe('rotation', () => {
    it('gives a working key with the same user, projects and scopes; the old one stops at once', async () => {
      const old = freshKey('rotating');
      const oldId = await insertKey(srv.db, { key: old, userId: 'rita', projects: ['acme/life'], scopes: ['ingest'] });
      expect((await call('create', old)).status).toBe(200);
      const rotated = await rotateKey(srv.db, oldId);
      if (rotated.status !== 'rotated') throw new Error(`rotate answered ${rotated.status}`);
      expect(rotated.key).toMatch(/^fk_[A-Za-z0-9_-]{43}$/);
      expect(rotated.keyId).toBe(keyIdOf(hashKey(rotated.key)));

      const created = await call('create', rotated.key);
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ wb_user_id: 'rita' });
      expect((await call('stats', rotated.key)).status).toBe(403);
      expect((await call('create', old)).status).toBe(401);

      const listed = await listKeys(srv.db);
      expect(listed.find((k) => k.keyId === oldId)).toMatchObject({ replacedBy: rotated.keyId, revokedAt: expect.any(String) });
      expect(listed.find((k) => k.keyId === rotated.keyId)).toMatchObject({ userId: 'rita', projects: ['acme/life'], scopes: ['ingest'], revokedAt: null });
      // A revoked key cannot be rotated again.
      expect((await rotateKey(srv.db, oldId)).status).toBe('revoked');
      expect((await rotateKey(srv.db, 'ffffffffffff')).status).toBe('not_found');
    }, 60_000);

    it('with a grace period the old key keeps working until it ends', async () => {
      const old = freshKey('graceful');
      const oldId = await insertKey(srv.db, { key: old, userId: 'gus', projects: ['acme/*'] });
      const rotated = await rotateKey(srv.db, oldId, 3_600_000);
      if (rotated.status !== 'rotated') throw new Error(`rotate answered ${rotated.status}`);
      expect((await call('create', old)).status).toBe(200);
      expect((await call('create', rotated.key)).status).toBe(200);
      const listed = (await listKeys(srv.db)).find((k) => k.keyId === oldId);
      expect(listed?.revokedAt).toBeNull();
      const expiresInMs = Date.parse(listed?.expiresAt ?? '') - Date.now();
      expect(expiresInMs).toBeGreaterThan(3_500_000);
      expect(expiresInMs).toBeLessThanOrEqual(3_600_000);
    }, 60_000);
  });

  it('records last_used_at shortly after a request, off the request path', async () => {
    const key = freshKey('used');
    const keyId = await insertKey(srv.db, { key, userId: 'ursula', projects: ['acme/*'] });
    expect((await listKeys(srv.db)).find((k) => k.keyId === keyId)?.lastUsedAt).toBeNull();
    expect((await call('create', key)).status).toBe(200);
    let lastUsedAt: string | null | undefined = null;
    for (let i = 0; i < 50 && lastUsedAt === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lastUsedAt = (await listKeys(srv.db)).find((k) => k.keyId === keyId)?.lastUsedAt;
    }
    expect(Math.abs(Date.parse(lastUsedAt ?? '') - Date.now())).toBeLessThan(60_000);
  }, 60_000);

  it('logs the user and the key id of each request with a known key, never the key', async () => {
    const key = freshKey('logged');
    const keyId = await insertKey(srv.db, { key, userId: 'lola', projects: ['acme/*'], scopes: ['ingest'] });
    await rawRequest(srv.baseUrl, '/feedback/create', {
      body: JSON.stringify(BODIES.create),
      headers: { 'content-type': 'application/json', authorization: basicAuth(key), 'x-request-id': `log-${keyId}` },
    });
    await rawRequest(srv.baseUrl, '/feedback/stats', {
      body: JSON.stringify(BODIES.stats),
      headers: { 'content-type': 'application/json', authorization: basicAuth(key), 'x-request-id': `log-403-${keyId}` },
    });
    await revokeKey(srv.db, keyId);
    await rawRequest(srv.baseUrl, '/feedback/create', {
      body: JSON.stringify(BODIES.create),
      headers: { 'content-type': 'application/json', authorization: basicAuth(key), 'x-request-id': `log-401-${keyId}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = log.lines();
    const lineOf = (id: string) => lines.find((l) => (l['req'] as { id?: string } | undefined)?.id === id);
    expect(lineOf(`log-${keyId}`)).toMatchObject({ user: 'lola', keyId, res: { statusCode: 200 } });
    expect(lineOf(`log-403-${keyId}`)).toMatchObject({ user: 'lola', keyId, res: { statusCode: 403 } });
    // A revoked key's line still says whose key it was, so an operator sees who has not moved on.
    expect(lineOf(`log-401-${keyId}`)).toMatchObject({ user: 'lola', keyId, res: { statusCode: 401 } });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(key);
    expect(all).not.toContain(basicAuth(key).slice(6));
    expect(all).not.toContain(hashKey(key));
  }, 60_000);
});
