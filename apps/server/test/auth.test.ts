// Authentication (HTTP Basic, username `api`, password = key) and authorization (a key grants
// project patterns), on every endpoint, and the isolation of projects from each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import { insertKey } from '../src/keys/key-admin.js';
import { rejectionOf } from './support/api-error.js';
import { testEngines } from './support/engines.js';
import { rawRequest } from './support/raw-http.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
const WINDOW_MS = { after_ms: Date.parse(WINDOW.start), before_ms: Date.parse(WINDOW.end) };
const STORED_KEYS = {
  team: { key: 'team-key-0123456789', userId: 'carol', projects: ['team/*', 'solo/one'] },
  everything: { key: 'all-key-0123456789', userId: 'root', projects: ['*/*'] },
  typo: { key: 'typo-key-0123456789', userId: 'dave', projects: ['acme', 'acme/bo*', 'acme/'] },
};

function basic(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword).toString('base64')}`;
}

/** A valid body per endpoint for `projectId`. */
function bodies(projectId: string): Record<'create' | 'stats' | 'aggregate', unknown> {
  return {
    create: { project_id: projectId, weave_ref: `weave:///${projectId}/call/c1`, feedback_type: 'custom', payload: { x: 1 } },
    stats: { project_id: projectId, ...WINDOW },
    aggregate: { project_id: projectId, ...WINDOW_MS },
  };
}

function note(projectId: string, text: string): FeedbackCreateReq {
  return { project_id: projectId, weave_ref: `weave:///${projectId}/call/c1`, feedback_type: 'wandb.note.1', payload: { note: text } };
}

describe.each(testEngines())('auth on $name', (engine) => {
  let srv: TestServer;
  const post = (endpoint: string, body: unknown, authorization?: string) =>
    rawRequest(srv.baseUrl, `/feedback/${endpoint}`, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    });

  beforeAll(async () => {
    srv = await startTestServer(engine);
    for (const k of Object.values(STORED_KEYS)) await insertKey(srv.db, k);
    // acme/bot has data; acme/empty has none.
    await srv.client().create(note('acme/bot', 'alice was here'));
    await srv.client().create(note('acme/bot', 'and again'));
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('401 for missing or invalid credentials, on every endpoint', () => {
    const credentials: [string, string | undefined][] = [
      ['no Authorization header', undefined],
      ['the Bearer scheme', `Bearer ${KEYS.alice.key}`],
      ['a wrong username', basic(`alice:${KEYS.alice.key}`)],
      ['an empty username', basic(`:${KEYS.alice.key}`)],
      ['an unknown key', basic('api:not-a-key-0123456789')],
      ['an empty password', basic('api:')],
      ['no colon', basic(`api${KEYS.alice.key}`)],
      ['malformed base64', 'Basic !!!not-base64!!!'],
      ['a bare scheme', 'Basic'],
      ['the key itself as the header', KEYS.alice.key],
    ];
    for (const endpoint of ['create', 'stats', 'aggregate'] as const) {
      it.each(credentials)(`${endpoint}: %s`, async (_label, authorization) => {
        const res = await post(endpoint, bodies('acme/bot')[endpoint], authorization);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
        expect(res.body).toEqual({ reason: expect.any(String), error_type: 'Unauthorized' });
      });
    }

    it('checks credentials before the body: an invalid body without credentials is a 401', async () => {
      for (const endpoint of ['create', 'stats', 'aggregate']) {
        const res = await post(endpoint, { project_id: 'not a project', unknown_key: true });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
      }
    });

    it('surfaces as a FeedbackApiError with status 401 in the SDK', async () => {
      const err = await rejectionOf(srv.client('not-a-key-0123456789').create(note('acme/bot', 'x')));
      expect(err).toMatchObject({ status: 401, errorType: 'Unauthorized', retryable: false });
    });

    it('accepts the scheme name in any case', async () => {
      const res = await post('stats', bodies('acme/bot')['stats'], `basic ${Buffer.from(`api:${KEYS.alice.key}`).toString('base64')}`);
      expect(res.status).toBe(200);
    });
  });

  describe('403 for a project the key does not grant', () => {
    it.each(['create', 'stats', 'aggregate'] as const)('%s: same answer for a populated and an empty foreign project', async (endpoint) => {
      const populated = await post(endpoint, bodies('acme/bot')[endpoint], basic(`api:${KEYS.bob.key}`));
      const empty = await post(endpoint, bodies('acme/empty')[endpoint], basic(`api:${KEYS.bob.key}`));
      expect(populated.status).toBe(403);
      expect(empty.status).toBe(403);
      expect(populated.body).toEqual({ reason: expect.any(String), error_type: 'Forbidden' });
      // The bodies may name the requested project, and nothing else may differ.
      expect(populated.text.replaceAll('acme/bot', 'P')).toBe(empty.text.replaceAll('acme/empty', 'P'));
      expect(populated.text).not.toMatch(/\bexists?\b|\bempty\b|\brows?\b|\bdata\b/i);
      expect(populated.headers.get('www-authenticate')).toBeNull();
    });

    it('is a 403 before any rule of the body is checked (a bad time zone on a foreign project)', async () => {
      const res = await post('stats', { ...bodies('acme/bot')['stats'] as object, timezone: 'Not/AZone' }, basic(`api:${KEYS.bob.key}`));
      expect(res.status).toBe(403);
    });

    it('surfaces as a FeedbackApiError with status 403 in the SDK, and writes nothing', async () => {
      const before = await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
      const err = await rejectionOf(srv.client(KEYS.bob.key).create(note('acme/bot', 'intrusion')));
      expect(err).toMatchObject({ status: 403, errorType: 'Forbidden' });
      const after = await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
      expect(after.rows).toEqual(before.rows);
    });
  });

  describe('grants', () => {
    it('entity/* grants every project of that entity and nothing else', async () => {
      const alice = srv.client(KEYS.alice.key);
      await expect(alice.create(note('acme/first', 'x'))).resolves.toMatchObject({ wb_user_id: 'alice' });
      await expect(alice.create(note('acme/second.v2', 'x'))).resolves.toMatchObject({ wb_user_id: 'alice' });
      for (const foreign of ['acmecorp/bot', 'acme-eu/bot', 'other/proj', 'ACME/bot']) {
        const err = await rejectionOf(alice.stats({ project_id: foreign, ...WINDOW }));
        expect({ foreign, status: err.status }).toEqual({ foreign, status: 403 });
      }
    });

    it('keys created in the database (hashed) grant their patterns: entity/* and exact projects', async () => {
      const carol = srv.client(STORED_KEYS.team.key);
      await expect(carol.create(note('team/alpha', 'x'))).resolves.toMatchObject({ wb_user_id: 'carol' });
      await expect(carol.create(note('solo/one', 'x'))).resolves.toMatchObject({ wb_user_id: 'carol' });
      expect((await rejectionOf(carol.create(note('solo/two', 'x')))).status).toBe(403);
      expect((await rejectionOf(carol.stats({ project_id: 'acme/bot', ...WINDOW }))).status).toBe(403);
    });

    it('*/* grants every project', async () => {
      const root = srv.client(STORED_KEYS.everything.key);
      const stats = await root.stats({ project_id: 'acme/bot', ...WINDOW });
      expect(stats.window_stats).toBeNull();
      expect((stats.buckets ?? []).reduce((n, b) => n + Number(b['count']), 0)).toBeGreaterThanOrEqual(2);
      await expect(root.create(note('anyone/anything', 'x'))).resolves.toMatchObject({ wb_user_id: 'root' });
    });

    it('a malformed grant pattern denies rather than widens', async () => {
      const typo = srv.client(STORED_KEYS.typo.key);
      for (const project of ['acme/bot', 'acme/bo', 'acme/x']) {
        expect((await rejectionOf(typo.aggregate({ project_id: project, ...WINDOW_MS }))).status).toBe(403);
      }
    });
  });

  describe('project isolation', () => {
    it('bob cannot read alice\'s project, and his own project holds only his rows', async () => {
      const bob = srv.client(KEYS.bob.key);
      await bob.create(note('other/proj', 'bob only'));
      expect((await rejectionOf(bob.stats({ project_id: 'acme/bot', ...WINDOW }))).status).toBe(403);
      expect((await rejectionOf(bob.aggregate({ project_id: 'acme/bot', ...WINDOW_MS }))).status).toBe(403);

      const agg = await bob.aggregate({ project_id: 'other/proj', ...WINDOW_MS });
      expect((agg.buckets ?? []).map((b) => b.total_count)).toEqual([1]);
      const stored = await srv.db.query<{ wb_user_id: string }>("SELECT wb_user_id FROM feedback WHERE project_id = 'other/proj'");
      expect(stored.rows).toEqual([{ wb_user_id: 'bob' }]);
    });

    it('stats and aggregates of one project never include another project\'s rows', async () => {
      const alice = srv.client(KEYS.alice.key);
      const inBot = await srv.db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE project_id = 'acme/bot'");
      expect(inBot.rows[0]?.n).toBeGreaterThan(0);
      const stats = await alice.stats({ project_id: 'acme/empty', ...WINDOW, metrics: [{ json_path: 'note', value_type: 'categorical' }] });
      expect(stats.window_stats).toEqual({ note: { count: 0 } });
      expect((stats.buckets ?? []).every((b) => b['count'] === 0)).toBe(true);
      const agg = await alice.aggregate({ project_id: 'acme/empty', ...WINDOW_MS });
      expect((agg.buckets ?? []).map((b) => b.total_count)).toEqual([0]);
      const botAgg = await alice.aggregate({ project_id: 'acme/bot', ...WINDOW_MS });
      expect((botAgg.buckets ?? []).map((b) => b.total_count)).toEqual([inBot.rows[0]?.n]);
    });

    it('the same client id in two projects names two different rows', async () => {
      const a = await srv.client(KEYS.alice.key).create({ ...note('acme/bot', 'alice version'), id: 'shared-id-1' });
      const b = await srv.client(KEYS.bob.key).create({ ...note('other/proj', 'bob version'), id: 'shared-id-1' });
      expect(a).toMatchObject({ id: 'shared-id-1', wb_user_id: 'alice', payload: { note: 'alice version' } });
      expect(b).toMatchObject({ id: 'shared-id-1', wb_user_id: 'bob', payload: { note: 'bob version' } });
      const rows = await srv.db.query<{ project_id: string; wb_user_id: string }>(
        "SELECT project_id, wb_user_id FROM feedback WHERE id = 'shared-id-1' ORDER BY project_id",
      );
      expect(rows.rows).toEqual([
        { project_id: 'acme/bot', wb_user_id: 'alice' },
        { project_id: 'other/proj', wb_user_id: 'bob' },
      ]);
    });
  });
});
