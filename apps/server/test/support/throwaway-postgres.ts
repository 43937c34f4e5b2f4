// A PostgreSQL cluster of the test's own (initdb in a temporary directory, its own port and
// socket directory), which the test may stop, restart and crash at will. The shared server that
// the other suites use is never touched. PostgreSQL refuses to run as root, so when the tests run
// as root every cluster command runs as the `postgres` user.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLUSTER_USER = 'postgres';
const execFileAsync = promisify(execFile);

/** The directory holding initdb and pg_ctl, or undefined when this machine has none. */
export function findPostgresBinaries(): string | undefined {
  const candidates: string[] = [];
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  // Debian and Ubuntu keep each major version apart; the newest first.
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debianRoot, v, 'bin')));
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir !== '') candidates.push(dir);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * The binaries, or undefined to skip locally. Under CI (CI set) a missing PostgreSQL fails the run
 * instead: a fault suite that silently stops running proves nothing.
 */
export function postgresBinariesOrFailInCi(): string | undefined {
  const found = findPostgresBinaries();
  if (found === undefined && process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error('CI needs PostgreSQL server binaries (initdb, pg_ctl) for the fault suite: install the postgresql package');
  }
  return found;
}

export interface ThrowawayCluster {
  /** Superuser URL over TCP on loopback. */
  readonly url: string;
  /** Stops the server: `fast` rolls back sessions and checkpoints; `immediate` is a crash. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again and waits until it accepts connections (after crash recovery, if any). */
  start(): Promise<void>;
  /** Stops it and deletes every file it had. */
  destroy(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function createThrowawayCluster(binDir: string): Promise<ThrowawayCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'feedback-fault-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (asRoot) {
    const { uid, gid } = userIds(CLUSTER_USER);
    chownSync(dir, uid, gid);
  }
  const commandLine = (tool: string, args: readonly string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', CLUSTER_USER, '--', join(binDir, tool), ...args]] : [join(binDir, tool), [...args]];
  // Asynchronous, so the server under test (in this process) keeps answering while the cluster
  // stops and starts; the synchronous form is only for the exit hook.
  const run = async (tool: string, args: readonly string[]): Promise<void> => {
    const [command, argv] = commandLine(tool, args);
    try {
      await execFileAsync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
  const runNow = (tool: string, args: readonly string[]): void => {
    const [command, argv] = commandLine(tool, args);
    spawnSync(command, argv, { timeout: 30_000 });
  };
  const port = await freePort();
  // fsync off: a crash of PostgreSQL (not of the machine) keeps what the kernel was handed, so
  // durability across `stop immediate` is still real, and the cluster starts in a second.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  await run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const start = () => run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', serverOptions]);
  const stop = (mode: 'fast' | 'immediate') => run('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '30']);
  await start();
  let destroyed = false;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    process.off('exit', destroy);
    runNow('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that dies half-way must not leave a server behind.
  process.on('exit', destroy);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, start, destroy };
}
