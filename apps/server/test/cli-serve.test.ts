// `feedback-server serve` as a real process: a request in flight when SIGTERM arrives is still
// answered before the process exits; FEEDBACK_WORKERS runs several HTTP workers on PostgreSQL and
// is refused on embedded PGlite.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe, type ServeProcess } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { basicAuth } from './support/test-server.js';

const KEY = 'cli-serve-key-0123456789';
const KEYS_ENV = { FEEDBACK_API_KEYS: JSON.stringify([{ key: KEY, user: 'ops', projects: ['acme/*'] }]) };

/** Starts a POST whose body is sent in two halves; the second goes when `finish` is called. */
function slowCreate(baseUrl: string): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const body = Buffer.from(JSON.stringify(customBody()));
  const url = new URL('/feedback/create', baseUrl);
  let finish = (): void => undefined;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), authorization: basicAuth(KEY) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    const half = Math.floor(body.length / 2);
    req.write(body.subarray(0, half));
    finish = () => req.end(body.subarray(half));
  });
  return { finish: () => finish(), response };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testEngines())('serve on $name', (engine) => {
  let storage: CliStorage | undefined;
  let serving: ServeProcess | undefined;
  afterEach(async () => {
    await serving?.stop('SIGKILL');
    serving = undefined;
    await storage?.dispose();
    storage = undefined;
  }, 60_000);

  it('answers a request that is in flight when SIGTERM arrives, then exits cleanly', async () => {
    storage = await createCliStorage(engine);
    serving = await startServe({ ...storage.env, ...KEYS_ENV });
    const inFlight = slowCreate(serving.baseUrl);
    // The request has reached the server (its headers are parsed) before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    serving.kill('SIGTERM');
    await until(() => serving?.stdout().includes('shutting down') === true, 'the shutdown log line');
    inFlight.finish();
    const res = await inFlight.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ wb_user_id: 'ops' });
    const exit = await serving.exited;
    serving = undefined;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
  }, 90_000);

  it.runIf(engine.name === 'postgres')('FEEDBACK_WORKERS=2 serves from two worker processes and drains them on SIGTERM', async () => {
    storage = await createCliStorage(engine);
    serving = await startServe({ ...storage.env, ...KEYS_ENV, FEEDBACK_WORKERS: '2' });
    await until(() => /\(worker 1\)/.test(serving?.stdout() ?? '') && /\(worker 2\)/.test(serving?.stdout() ?? ''), 'both workers');
    const bodies = Array.from({ length: 40 }, (_, i) => customBody({ payload: { i } }));
    const answers = await Promise.all(
      bodies.map(async (b) => {
        const res = await fetch(`${serving?.baseUrl}/feedback/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: basicAuth(KEY) },
          body: JSON.stringify(b),
        });
        return res.status;
      }),
    );
    expect(answers).toEqual(bodies.map(() => 200));
    const exit = await serving.stop('SIGTERM');
    serving = undefined;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    const db = await storage.open();
    try {
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback`);
      expect(n.rows[0]?.n).toBe(40);
    } finally {
      await db.close();
    }
  }, 90_000);

  it.runIf(engine.name === 'pglite')('FEEDBACK_WORKERS above 1 is refused without DATABASE_URL, with a message saying why', async () => {
    storage = await createCliStorage(engine);
    const res = await runCli(['serve'], { ...storage.env, ...KEYS_ENV, FEEDBACK_WORKERS: '2', PORT: '0', HOST: '127.0.0.1' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('FEEDBACK_WORKERS above 1 needs DATABASE_URL');
  }, 60_000);
});
