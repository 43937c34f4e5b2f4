// `feedback-server keys create | list | revoke | rotate` as real processes over fresh storage, and
// the development-key rules of `serve`. On PostgreSQL a revocation or rotation made by the CLI
// process takes effect on a running server at once; on PGlite (one process owns the files) it
// holds from the next start. The steps share one storage and run in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient } from '@feedback/sdk';
import { rejectionOf } from './support/api-error.js';
import { runCli, startServe, type ServeProcess } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';

const WINDOW = { start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z' };
const KEY_ID = /\b([0-9a-f]{12})\b/;

interface Listed {
  keyId: string;
  userId: string;
  projects: string[];
  scopes: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
}

describe.each(testEngines())('keys commands on $name', (engine) => {
  let storage: CliStorage;
  let serving: ServeProcess | undefined;
  const keys = { devId: '', widget: '', widgetId: '', dash: '', dashId: '', rotated: '' };
  const client = (apiKey: string) => createFeedbackClient({ baseUrl: serving?.baseUrl ?? '', apiKey, retries: 0 });
  const list = async (): Promise<Listed[]> => {
    const res = await runCli(['keys', 'list', '--json'], storage.env);
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout) as Listed[];
  };

  beforeAll(async () => {
    storage = await createCliStorage(engine);
  }, 60_000);
  afterAll(async () => {
    await serving?.stop('SIGKILL');
    await storage.dispose();
  }, 60_000);

  it('serve on every interface makes no development key unless FEEDBACK_DEV_KEY=true; then it warns about it', async () => {
    serving = await startServe({ ...storage.env, HOST: '0.0.0.0' });
    expect(serving.devKey).toBeUndefined();
    expect(serving.stdout()).toContain('no API key exists');
    await serving.stop('SIGTERM');

    serving = await startServe({ ...storage.env, HOST: '0.0.0.0', FEEDBACK_DEV_KEY: 'true' });
    expect(serving.devKey).toMatch(/^fk_/);
    keys.devId = /all projects, id ([0-9a-f]{12})/.exec(serving.stdout())?.[1] ?? '';
    expect(keys.devId).not.toBe('');
    // The all-project warning names the key by its id.
    expect(serving.stdout()).toContain('grant every project');
    expect(serving.stdout()).toContain(`"keyIds":["${keys.devId}"]`);
    await serving.stop('SIGTERM');
    serving = undefined;
  }, 90_000);

  it('keys create with scopes and an expiry prints the key once; keys list shows everything but the key', async () => {
    // One after the other: PGlite's directory takes one process at a time (data-dir-lock.ts).
    const widget = await runCli(['keys', 'create', '--user', 'widget', '--projects', 'acme/*', '--scopes', 'ingest', '--expires', '30d'], storage.env);
    const dash = await runCli(['keys', 'create', '--user', 'dash', '--projects', 'acme/*', '--scopes', 'read', '--expires', '2099-01-01T00:00:00Z'], storage.env);
    for (const r of [widget, dash]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^fk_[A-Za-z0-9_-]{43}\n$/);
    }
    keys.widget = widget.stdout.trim();
    keys.dash = dash.stdout.trim();
    keys.widgetId = KEY_ID.exec(widget.stderr)?.[1] ?? '';
    keys.dashId = KEY_ID.exec(dash.stderr)?.[1] ?? '';

    const rows = await list();
    expect(rows.map((r) => r.keyId).sort()).toEqual([keys.devId, keys.widgetId, keys.dashId].sort());
    const w = rows.find((r) => r.keyId === keys.widgetId);
    expect(w).toMatchObject({ userId: 'widget', projects: ['acme/*'], scopes: ['ingest'], revokedAt: null });
    expect(Date.parse(w?.expiresAt ?? '') - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(rows.find((r) => r.keyId === keys.dashId)).toMatchObject({ userId: 'dash', scopes: ['read'], expiresAt: '2099-01-01T00:00:00Z' });

    const text = await runCli(['keys', 'list'], storage.env);
    expect(text.stdout).toMatch(/^id\s+user\s+projects\s+scopes\s+created\s+expires\s+last used\s+revoked/);
    expect(text.stdout).toContain(keys.widgetId);
    for (const out of [text.stdout, JSON.stringify(rows)]) {
      expect(out).not.toContain(keys.widget);
      expect(out).not.toContain(keys.dash);
    }
  }, 60_000);

  it.runIf(engine.name === 'postgres')('revoke and rotate from the CLI process take effect on a running server at once', async () => {
    serving = await startServe(storage.env);
    // Keys exist: no development key.
    expect(serving.devKey).toBeUndefined();
    await expect(client(keys.widget).create(customBody({ project_id: 'acme/bot' }))).resolves.toMatchObject({ wb_user_id: 'widget' });
    expect((await rejectionOf(client(keys.widget).stats({ project_id: 'acme/bot', ...WINDOW }))).status).toBe(403);
    await expect(client(keys.dash).stats({ project_id: 'acme/bot', ...WINDOW })).resolves.toMatchObject({ granularity: expect.any(Number) });

    expect((await runCli(['keys', 'revoke', keys.widgetId], storage.env)).code).toBe(0);
    const revoked = await rejectionOf(client(keys.widget).create(customBody({ project_id: 'acme/bot' })));
    expect({ status: revoked.status, reason: revoked.reason }).toEqual({ status: 401, reason: 'Missing or invalid credentials: this API key was revoked' });

    const rotated = await runCli(['keys', 'rotate', keys.dashId], storage.env);
    expect(rotated.code).toBe(0);
    keys.rotated = rotated.stdout.trim();
    expect((await rejectionOf(client(keys.dash).stats({ project_id: 'acme/bot', ...WINDOW }))).status).toBe(401);
    await expect(client(keys.rotated).stats({ project_id: 'acme/bot', ...WINDOW })).resolves.toMatchObject({ granularity: expect.any(Number) });
    expect((await rejectionOf(client(keys.rotated).create(customBody({ project_id: 'acme/bot' })))).status).toBe(403);

    await serving.stop('SIGTERM');
    serving = undefined;
  }, 90_000);

  it.runIf(engine.name === 'pglite')('revoke and rotate from the CLI hold from the next start', async () => {
    expect((await runCli(['keys', 'revoke', keys.widgetId], storage.env)).code).toBe(0);
    const rotated = await runCli(['keys', 'rotate', keys.dashId], storage.env);
    expect(rotated.code).toBe(0);
    keys.rotated = rotated.stdout.trim();
    serving = await startServe(storage.env);
    expect((await rejectionOf(client(keys.widget).create(customBody({ project_id: 'acme/bot' })))).status).toBe(401);
    expect((await rejectionOf(client(keys.dash).stats({ project_id: 'acme/bot', ...WINDOW }))).status).toBe(401);
    await expect(client(keys.rotated).stats({ project_id: 'acme/bot', ...WINDOW })).resolves.toMatchObject({ granularity: expect.any(Number) });
    // While the server holds the directory, a second process is refused instead of losing its writes.
    const meanwhile = await runCli(['keys', 'create', '--user', 'late', '--projects', 'acme/*'], storage.env);
    expect(meanwhile.code).toBe(1);
    expect(meanwhile.stderr).toContain('is in use by process');
    expect(meanwhile.stdout).toBe('');
    await serving.stop('SIGTERM');
    serving = undefined;
  }, 90_000);

  it('keys list records the revocation and the rotation', async () => {
    const rows = await list();
    const byId = new Map(rows.map((r) => [r.keyId, r]));
    expect(byId.get(keys.widgetId)?.revokedAt).toEqual(expect.any(String));
    const newId = byId.get(keys.dashId)?.replacedBy ?? '';
    expect(byId.get(keys.dashId)?.revokedAt).toEqual(expect.any(String));
    expect(byId.get(newId)).toMatchObject({ userId: 'dash', projects: ['acme/*'], scopes: ['read'], expiresAt: '2099-01-01T00:00:00Z', revokedAt: null });
  }, 60_000);

  it('no more all-project warning once the development key is revoked', async () => {
    expect((await runCli(['keys', 'revoke', keys.devId], storage.env)).code).toBe(0);
    serving = await startServe(storage.env);
    expect(serving.devKey).toBeUndefined();
    expect(serving.stdout()).not.toContain('grant every project');
    await serving.stop('SIGTERM');
    serving = undefined;
  }, 60_000);
});
