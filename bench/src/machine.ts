// Facts about the machine and the software a run measured, for RESULTS.md.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlRunner } from './sql-runner.js';

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  pglite: string;
  postgresSettings: Record<string, string>;
  /** 1-minute load average when the run started and ended: other work on the machine. */
  loadAtStart: number;
  loadAtEnd: number;
  freeMemoryGiB: number;
}

const require = createRequire(import.meta.url);

function pgliteVersion(): string {
  // @electric-sql/pglite is the server's dependency (its package.json is not exported): resolve
  // its entry point from the server and walk up to the package root.
  let dir = dirname(require.resolve('@electric-sql/pglite', { paths: [dirname(require.resolve('@feedback/server'))] }));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version ?? '?';
    }
    const parent = dirname(dir);
    if (parent === dir) return '?';
    dir = parent;
  }
}

const SETTINGS = ['shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'synchronous_commit', 'max_connections'];

export async function machineFacts(pg: SqlRunner): Promise<MachineFacts> {
  const version = String((await pg.query('SHOW server_version'))[0]?.['server_version'] ?? '?');
  const postgresSettings: Record<string, string> = {};
  for (const name of SETTINGS) {
    const rows = await pg.query('SELECT current_setting($1) AS v', [name]);
    postgresSettings[name] = String(rows[0]?.['v']);
  }
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version,
    pglite: pgliteVersion(),
    postgresSettings,
    loadAtStart: loadavg()[0] ?? 0,
    loadAtEnd: 0,
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
  };
}

export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}

/** Where bench/ is, for data and results paths. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
