// Process hygiene of `feedback-server serve`, as a real process: HTTP timeouts that cut off slow
// clients, a shutdown that ends (exit 1) when a request outlives the grace period, worker
// restarts that back off, and fatal errors that are logged before the process exits 1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { within } from './support/force-disposable-database.js';
import { basicAuth } from './support/test-server.js';

const SERVER_DIR = fileURLToPath(new URL('../', import.meta.url));
const KEY = 'serve-process-key-0123456789';
const KEYS_ENV = { FEEDBACK_API_KEYS: JSON.stringify([{ key: KEY, user: 'ops', projects: ['acme/*'] }]) };

interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
}

async function rawConnection(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  let text = '';
  socket.setEncoding('utf8').on('data', (c: string) => (text += c));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

/** Writes `parts` one every `everyMs` until the connection closes; returns how many went out. */
async function trickle(c: RawConnection, parts: string[], everyMs: number): Promise<number> {
  let sent = 0;
  let isClosed = false;
  void c.closed.then(() => (isClosed = true));
  for (const part of parts) {
    if (isClosed || c.socket.destroyed) break;
    c.socket.write(part);
    sent++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return sent;
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

// Timeouts and shutdown do not depend on the engine: the last one (PostgreSQL when configured,
// whose process starts faster).
describe.each(testEngines().slice(-1))('serve process on $name', (engine) => {
  let storage: CliStorage | undefined;
  let serving: ServeProcess | undefined;
  afterEach(async () => {
    await serving?.stop('SIGKILL');
    serving = undefined;
    await storage?.dispose();
    storage = undefined;
  }, 60_000);

  it('cuts off slow headers, a slow body and an idle keep-alive connection at their timeouts (408)', async () => {
    storage = await createCliStorage(engine);
    serving = await startServe({
      ...storage.env,
      ...KEYS_ENV,
      FEEDBACK_HEADERS_TIMEOUT_MS: '600',
      FEEDBACK_REQUEST_TIMEOUT_MS: '1500',
      FEEDBACK_KEEP_ALIVE_TIMEOUT_MS: '400',
    });
    const baseUrl = serving.baseUrl;

    // Slowloris: one header line every 200 ms, for up to 20 s.
    const headers = await rawConnection(baseUrl);
    const headerLines = ['POST /feedback/create HTTP/1.1\r\n', 'Host: x\r\n', ...Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: y\r\n`)];
    const headerLinesSent = await within(20_000, 'the slow-headers client to be cut off', trickle(headers, headerLines, 200));
    expect(headers.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(headerLinesSent).toBeLessThan(headerLines.length);

    // Whole headers, then a body one byte every 200 ms.
    const body = JSON.stringify(customBody());
    const slowBody = await rawConnection(baseUrl);
    slowBody.socket.write(
      `POST /feedback/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(KEY)}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const bodyBytesSent = await within(20_000, 'the slow-body client to be cut off', trickle(slowBody, [...body], 200));
    expect(slowBody.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyBytesSent).toBeLessThan(body.length);

    // A keep-alive connection left idle after its answer is closed by the server.
    const idle = await rawConnection(baseUrl);
    idle.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    // Node's default (5 s) would not close it in time.
    await within(3_000, 'the server to close the idle connection', idle.closed);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);
  }, 90_000);

  it('exits 1 once the grace period is over when a request is still running at SIGTERM', async () => {
    storage = await createCliStorage(engine);
    serving = await startServe({ ...storage.env, ...KEYS_ENV, FEEDBACK_SHUTDOWN_GRACE_MS: '1000' });
    // A request whose body never finishes.
    const stuck = await rawConnection(serving.baseUrl);
    stuck.socket.write(`POST /feedback/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: ${basicAuth(KEY)}\r\nContent-Length: 1000\r\n\r\n{`);
    await new Promise((r) => setTimeout(r, 300));
    serving.kill('SIGTERM');
    const exit = await within(10_000, 'the process to exit after its grace period', serving.exited);
    serving = undefined;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 1, signal: null });
    expect(exit.stdout).toContain('shutdown grace period over');
    await stuck.closed;
  }, 90_000);

  it.runIf(engine.name === 'postgres')('replaces workers that keep dying after pauses that double', async () => {
    storage = await createCliStorage(engine);
    // Workers cannot listen on a port that is taken: each one dies as it starts.
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...storage.env, ...KEYS_ENV, FEEDBACK_WORKERS: '2', HOST: '127.0.0.1', PORT: String(address.port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = once(child, 'exit');
    try {
      const restarts = () => jsonLines(out).filter((l) => l['msg'] === 'worker restarted');
      await within(45_000, 'three worker restarts', (async () => {
        while (restarts().length < 3) await new Promise((r) => setTimeout(r, 100));
      })());
      const lines = jsonLines(out);
      const exits = lines.filter((l) => l['msg'] === 'worker exited; starting a new one');
      expect(exits.slice(0, 3).map((l) => l['restartInMs'])).toEqual([500, 1_000, 2_000]);
      for (const restart of restarts()) {
        const died = exits.find((l) => l['worker'] === restart['replaces']);
        expect(died).toBeDefined();
        expect(Number(restart['time']) - Number(died?.['time'])).toBeGreaterThanOrEqual(Number(died?.['restartInMs']) - 20);
      }
      // Restarts still waiting are dropped: SIGTERM ends the primary at once.
      child.kill('SIGTERM');
      await within(10_000, 'the primary to exit', exited);
    } finally {
      child.kill('SIGKILL');
      blocker.close();
    }
  }, 90_000);
});

describe('fatal errors', () => {
  const runScript = async (script: string) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: SERVER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const [code] = (await within(30_000, 'the script', once(child, 'exit'))) as [number | null];
    return { code, lines: jsonLines(out) };
  };
  const prelude = `import { pino } from 'pino'; import { exitOnFatalErrors } from './src/process/fatal-errors.ts'; exitOnFatalErrors(pino());`;

  it('an unhandled rejection is logged at fatal and the process exits 1', async () => {
    const { code, lines } = await runScript(`${prelude} Promise.reject(new Error('nobody handles me')); setTimeout(() => undefined, 5_000);`);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ level: 60, msg: 'unhandled promise rejection: exiting', err: expect.objectContaining({ message: 'nobody handles me' }) })]);
  }, 60_000);

  it('an uncaught exception is logged at fatal and the process exits 1', async () => {
    const { code, lines } = await runScript(`${prelude} setTimeout(() => { throw new Error('thrown in a timer'); }, 10);`);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ level: 60, msg: 'uncaught exception: exiting', err: expect.objectContaining({ message: 'thrown in a timer' }) })]);
  }, 60_000);
});
