// Runs the real `feedback` command (src/cli.ts through tsx, workspace packages from their sources)
// in a child process with only the environment a test gives it; optionally on a pseudo-terminal
// (util-linux `script`), to see what a person at a terminal sees.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI_DIR = fileURLToPath(new URL('../../', import.meta.url));
// Variables of the test run that must not reach the child's configuration.
const CLEARED = ['FEEDBACK_URL', 'FEEDBACK_KEY', 'NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS', 'TZ'];
const NODE_ARGS = ['--conditions=source', '--import', 'tsx', 'src/cli.ts'];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Sends SIGINT when this resolves (e.g. once the API shows the first rows written). */
  interruptWhen?: () => Promise<void>;
}

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete out[name];
  return { ...out, TZ: 'UTC', ...env };
}

export function runCli(args: readonly string[], opts: RunOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: CLI_DIR, env: childEnv(opts.env ?? {}), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  void opts.interruptWhen?.().then(() => child.exitCode === null && child.kill('SIGINT'));
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Whether `script` (util-linux) is here to give a child a pseudo-terminal. */
export const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Runs the command on a pseudo-terminal: stdin, stdout and stderr are all the terminal, so the
 * output is one stream (with CR LF line ends). `input` is typed into it.
 */
export function runCliOnTerminal(args: readonly string[], opts: RunOptions = {}): Promise<CliResult> {
  const command = [process.execPath, ...NODE_ARGS, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: CLI_DIR, env: childEnv({ COLUMNS: '120', ...opts.env }), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    // Type the answer once the prompt is up (before that, the terminal would echo it early).
    if (opts.input !== undefined && !typed && stdout.includes('Type "yes"')) {
      typed = true;
      child.stdin.write(opts.input);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr: '' }));
  });
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The text without ANSI escape sequences. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
