// Runs the built `feedback-server` CLI (apps/server/dist/cli.js) as a child process: the importer
// and the HTTP server, each on 127.0.0.1 only and stopped by the benchmark itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
/** `@feedback/server` resolves to dist/index.js; the CLI sits beside it. */
export const SERVER_CLI = join(dirname(require.resolve('@feedback/server')), 'cli.js');

export type ServerEnv = Record<string, string>;

async function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return child.exitCode;
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return code ?? (signal === null ? 1 : 128);
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (text += b.toString()));
  return () => text;
}

/** Imports the files in order through one `feedback-server import -`; returns its wall time. The caller checks the row count. */
export async function importFiles(files: readonly string[], env: ServerEnv): Promise<{ seconds: number; output: string }> {
  const child = spawn(process.execPath, [SERVER_CLI, 'import', '-'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = collect(child);
  const started = performance.now();
  const stdin = child.stdin;
  if (stdin === null) throw new Error('importer has no stdin');
  for (const file of files) {
    for await (const chunk of createReadStream(file)) {
      if (!stdin.write(chunk)) await once(stdin, 'drain');
    }
  }
  stdin.end();
  const code = await exitOf(child);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`feedback-server import exited with ${code}:\n${output()}`);
  return { seconds, output: output() };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  srv.close();
  await once(srv, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningServer {
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts `feedback-server serve` on 127.0.0.1 and waits until /readyz answers. */
export async function startServer(env: ServerEnv): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter((f) => f.length > 0), SERVER_CLI, 'serve'], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${output()}`);
    }
    await sleep(100);
  }
  return {
    baseUrl,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitOf(child);
      clearTimeout(timer);
    },
  };
}

/**
 * The environment of the bench's own CLI commands (migrate, rollups rebuild/verify): quiet, and
 * without the request statement timeout (15 s), which a rebuild of a 1M-row project outlasts.
 */
export const CLI_ENV: ServerEnv = { LOG_LEVEL: 'warn', FEEDBACK_STATEMENT_TIMEOUT_MS: '3600000' };

/** Runs `feedback-server <args>` to completion; returns its exit code and output (stdout + stderr). */
export async function runServerCli(args: readonly string[], env: ServerEnv): Promise<{ code: number; output: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_CLI, ...args], { env: { ...process.env, ...CLI_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const code = await exitOf(child);
  return { code, output: output(), seconds: (performance.now() - started) / 1000 };
}
