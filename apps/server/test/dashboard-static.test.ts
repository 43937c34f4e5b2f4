// The dashboard at `/`: files from its build, index.html for the app's own paths, never for the
// API's; a "how to build it" page when there is no build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRouter } from '../src/http/dashboard.js';

let dir: string;
let base: string;
let emptyBase: string;
const closers: (() => void)[] = [];

async function listen(root: string): Promise<string> {
  const app = express();
  app.use(dashboardRouter(root));
  app.use((_req, res) => void res.status(404).json({ reason: 'No such endpoint', error_type: 'NotFound' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashboard-static-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  base = await listen(dir);
  emptyBase = await listen(join(dir, 'missing'));
});

afterAll(async () => {
  for (const close of closers) close();
  await rm(dir, { recursive: true, force: true });
});

describe('the dashboard at /', () => {
  it('serves index.html at / with a content security policy, revalidated on each load', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets for a year', async () => {
    const res = await fetch(`${base}/assets/index-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers index.html for the app\'s own paths (links with a view in the query string)', async () => {
    const res = await fetch(`${base}/projects/view?project=acme%2Fbot&range=24h`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('leaves API paths, a missing asset and other methods to the API', async () => {
    for (const path of ['/feedback/stats', '/healthz', '/docs', '/openapi.json', '/assets/gone.js']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error_type: 'NotFound' });
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
  });

  it('says how to build the dashboard when there is no build', async () => {
    const res = await fetch(`${emptyBase}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
    expect((await fetch(`${emptyBase}/elsewhere`)).status).toBe(404);
  });
});
