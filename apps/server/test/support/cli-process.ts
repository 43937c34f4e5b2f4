// Runs the real command line (`src/cli.ts` through tsx, workspace packages from their sources)
// in a child process with a controlled environment: only the storage variables a test passes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
// Variables of the test run that must not leak into the child's configuration.
const CLEARED = ['DATABASE_URL', 'FEEDBACK_DATA_DIR', 'FEEDBACK_API_KEYS', 'PORT', 'HOST', 'LOG_LEVEL', 'NODE_OPTIONS', 'FEEDBACK_WORKERS'];

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete out[name];
  return { ...out, ...env };
}

function spawnCli(args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: SERVER_DIR,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Collected {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<CliResult>;
}

function collect(child: ChildProcess): Collected {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs `feedback-server <args>` to completion. */
export async function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return collect(spawnCli(args, env)).exited;
}

export interface ServeProcess {
  baseUrl: string;
  /** Everything printed to stdout so far. */
  stdout(): string;
  /** The development key `serve` printed, if it printed one. */
  devKey: string | undefined;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
  /** Sends `signal` without waiting. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has ended. */
  exited: Promise<CliResult>;
}

/** Starts `feedback-server serve` on a free loopback port and waits until it listens. */
export async function startServe(env: Record<string, string>, startTimeoutMs = 45_000): Promise<ServeProcess> {
  // Loopback unless the test asks for another interface (the development key depends on it).
  const child = spawnCli(['serve'], { ...env, PORT: '0', HOST: env['HOST'] ?? '127.0.0.1', LOG_LEVEL: 'info' });
  const out = collect(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in ${startTimeoutMs} ms:\n${out.stdout()}\n${out.stderr()}`)), startTimeoutMs);
    const onData = () => {
      const m = /"port":(\d+)/.exec(out.stdout());
      if (m?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    void out.exited.then((r) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (code ${String(r.code)}):\n${r.stdout}\n${r.stderr}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stdout: out.stdout,
    devKey: /FEEDBACK_KEY=(\S+)/.exec(out.stdout())?.[1],
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return out.exited;
    },
    kill(signal) {
      child.kill(signal);
    },
    exited: out.exited,
  };
}
