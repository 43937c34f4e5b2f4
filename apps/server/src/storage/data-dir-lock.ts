// One process at a time in a PGlite directory. PGlite has no lock between processes: two of them
// writing the same files (a server and `feedback-server keys create`, or two CLI runs) each keep
// their own copy of the database in memory, and the commits of one are silently lost when the
// other checkpoints. A pid file refuses the second opener with a message that says why.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../env-parsers.js';
import { processGone } from './process-gone.js';

const LOCK_FILE = 'feedback-server.pid';

/** Directories this process holds: a pid file naming our own pid elsewhere is a stale one (pid 1 in a restarted container). */
const held = new Set<string>();

export class DataDirInUseError extends ConfigError {
  override name = 'DataDirInUseError';
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes `dir` for this process until the returned release is called (or the process exits). */
export function lockDataDir(dir: string): () => void {
  const absolute = resolve(dir);
  mkdirSync(absolute, { recursive: true });
  const path = join(absolute, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = holderOf(path);
      const ours = holder === process.pid && held.has(absolute);
      if (holder !== undefined && (ours || (holder !== process.pid && !processGone(holder)))) {
        throw new DataDirInUseError(
          `The data directory ${dir} is in use by process ${holder}: PGlite allows one process at a time. ` +
            'Stop that process first (e.g. the running server before a `keys` or `import` command), or use PostgreSQL (DATABASE_URL).',
        );
      }
      // Left by a process that is gone: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Another opener removed it first; the next attempt decides.
      }
      continue;
    }
    held.add(absolute);
    const release = (): void => {
      process.off('exit', release);
      if (!held.delete(absolute)) return;
      if (holderOf(path) === process.pid) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }
    };
    process.on('exit', release);
    return release;
  }
  throw new DataDirInUseError(`Could not lock the data directory ${dir}: other processes keep taking it`);
}
