// The command line, run as a real process over fresh storage: migrate, keys create, and serve
// (development key on an empty key table, graceful shutdown on SIGTERM). The steps share one
// storage and run in order, as an operator would run them.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient } from '@feedback/sdk';
import { hashKey } from '../src/keys/key-hash.js';
import { rejectionOf } from './support/api-error.js';
import { runCli, startServe, type ServeProcess } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';

const KEY_FORMAT = /^fk_[A-Za-z0-9_-]{43}$/;
const MIGRATIONS = readdirSync(fileURLToPath(new URL('../migrations/', import.meta.url)))
  .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
  .sort();
const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };

describe.each(testEngines())('cli on $name', (engine) => {
  let storage: CliStorage;
  let serving: ServeProcess | undefined;
  let devKey = '';
  let createdKey = '';
  const client = (baseUrl: string, apiKey: string) => createFeedbackClient({ baseUrl, apiKey, retries: 0 });

  beforeAll(async () => {
    storage = await createCliStorage(engine);
  }, 60_000);
  afterAll(async () => {
    await serving?.stop('SIGKILL');
    await storage.dispose();
  }, 60_000);

  it('migrate applies the migrations once, then reports up to date', async () => {
    const first = await runCli(['migrate'], storage.env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toBe(`applied: ${MIGRATIONS.join(', ')}\n`);
    const second = await runCli(['migrate'], storage.env);
    expect(second).toMatchObject({ code: 0, stdout: 'up to date\n' });
  }, 60_000);

  it('serve with no keys prints a development key once; it works; SIGTERM shuts down cleanly', async () => {
    serving = await startServe(storage.env);
    const key = serving.devKey;
    expect(key).toMatch(KEY_FORMAT);
    devKey = key ?? '';
    expect(serving.stdout().split(devKey).length - 1).toBe(1);

    const health = await fetch(`${serving.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const created = await client(serving.baseUrl, devKey).create(customBody({ project_id: 'anyone/anything' }));
    expect(created.wb_user_id).toBe('dev');

    const exit = await serving.stop('SIGTERM');
    serving = undefined;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('keys create prints a new key once, on stdout alone', async () => {
    const res = await runCli(['keys', 'create', '--user', 'u', '--projects', 'acme/*'], storage.env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^fk_[A-Za-z0-9_-]{43}\n$/);
    createdKey = res.stdout.trim();
    expect(res.stderr).toContain('will not be shown again');
    expect(res.stderr).not.toContain(createdKey);
  }, 60_000);

  it('exits 2 and prints no key for bad arguments', async () => {
    const cases: [string, string[]][] = [
      ['a project pattern without entity/', ['keys', 'create', '--user', 'u', '--projects', 'acme']],
      ['a partial wildcard', ['keys', 'create', '--user', 'u', '--projects', 'acme/bo*']],
      ['one bad pattern among good ones', ['keys', 'create', '--user', 'u', '--projects', 'acme/*,bad pattern']],
      ['no --user', ['keys', 'create', '--projects', 'acme/*']],
      ['no --projects', ['keys', 'create', '--user', 'u']],
      ['an unknown command', ['frobnicate']],
    ];
    // In parallel: each process only starts, reads its arguments and exits.
    const results = await Promise.all(cases.map(async ([label, args]) => ({ label, ...(await runCli(args, storage.env)) })));
    for (const r of results) {
      expect({ label: r.label, code: r.code, keyPrinted: /fk_/.test(r.stdout) }).toEqual({ label: r.label, code: 2, keyPrinted: false });
    }
  }, 60_000);

  it('names the bad pattern when refusing it', async () => {
    const res = await runCli(['keys', 'create', '--user', 'u', '--projects', 'acme/*,acme'], storage.env);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/pattern.*\bacme\b/);
  }, 60_000);

  it('a created key authenticates against a server over the same data; no new development key', async () => {
    serving = await startServe(storage.env);
    expect(serving.devKey).toBeUndefined();
    expect(serving.stdout()).not.toContain('FEEDBACK_KEY=');

    const u = client(serving.baseUrl, createdKey);
    const created = await u.create(customBody({ project_id: 'acme/bot' }));
    expect(created.wb_user_id).toBe('u');
    expect((await rejectionOf(u.stats({ project_id: 'other/bot', ...WINDOW }))).status).toBe(403);
    // The development key from the first start still works.
    await expect(client(serving.baseUrl, devKey).stats({ project_id: 'acme/bot', ...WINDOW })).resolves.toMatchObject({ granularity: expect.any(Number) });

    const exit = await serving.stop('SIGTERM');
    serving = undefined;
    expect(exit.code).toBe(0);
  }, 60_000);

  it('stores keys only as hashes, and the refused commands stored none', async () => {
    const db = await storage.open();
    try {
      const rows = await db.query<{ key_hash: string; user_id: string; projects: string[] }>('SELECT key_hash, user_id, projects FROM api_keys ORDER BY user_id');
      expect(rows.rows).toEqual([
        { key_hash: hashKey(devKey), user_id: 'dev', projects: ['*/*'] },
        { key_hash: hashKey(createdKey), user_id: 'u', projects: ['acme/*'] },
      ]);
      const leaked = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_keys t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0", [devKey, createdKey]);
      expect(leaked.rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});
