// The directory behind `memory://`: a private temporary directory, deleted on close and, should
// the process end without closing, when it exits. It lives on disk (in the OS page cache, as PGlite
// runs with fsync off) rather than in the WASM heap so that a worker ended at the statement timeout
// can be replaced by a new one that finds every committed row: an in-memory database dies with
// the thread that holds it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

export interface ScratchDataDir {
  path: string;
  remove(): void;
}

export function createScratchDataDir(): ScratchDataDir {
  const path = mkdtempSync(join(tmpdir(), 'feedback-pglite-'));
  live.add(path);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
  }
  return {
    path,
    remove() {
      live.delete(path);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
