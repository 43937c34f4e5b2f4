// Prism mocking openapi.json: a child process on a free loopback port, started and stopped by
// the test file. It checks request shapes and answers with the spec's examples.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShapeTarget } from './target.js';

const SPEC_PATH = fileURLToPath(new URL('../../../openapi.json', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

function prismCliPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require(pkg) as { bin: string | Record<string, string> };
  const rel = typeof bin === 'string' ? bin : bin['prism'];
  if (rel === undefined) throw new Error('@stoplight/prism-cli declares no prism binary');
  return join(dirname(pkg), rel);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await globalThis.fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`prism did not answer within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Prism on a free loopback port: `mock` (answers from the spec) or `proxy` (in front of `upstream`). */
export async function startPrism(mode: { kind: 'mock' } | { kind: 'proxy'; upstream: string }): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const port = await freePort();
  const args = mode.kind === 'mock'
    ? ['mock', SPEC_PATH]
    // --errors: a response that breaks the contract becomes a 500 listing the violations.
    : ['proxy', SPEC_PATH, mode.upstream, '--errors'];
  const child = spawn(process.execPath, [prismCliPath(), ...args, '--port', String(port), '-h', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(baseUrl, child, () => log);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { baseUrl, close: () => stop(child) };
}

export async function startPrismTarget(): Promise<ShapeTarget> {
  const prism = await startPrism({ kind: 'mock' });
  return { kind: 'shape', name: 'prism', ...prism };
}
