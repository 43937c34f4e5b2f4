// The directory behind `memory://`: a private temporary directory, deleted on close and, should
// the process end without closing, when it exits. It lives on disk (in the OS page cache, as PGlite
// runs with fsync off) rather than in the WASM heap so that a worker ended at the statement timeout
// can be replaced by a new one that finds every committed row: an in-memory database dies with
// the thread that holds it.
//
// A new cluster is copied from a template rather than made by initdb: opening a copy takes a
// fraction of initdb's seconds, which every test file would otherwise pay. The template is built
// once per user and PGlite build, in the temporary directory, and is used only if this user owns it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { processGone } from './process-gone.js';

const PREFIX = 'feedback-pglite-';
const live = new Set<string>();
let hooked = false;

function removeAll(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** Removes the directories of processes that ended without their exit hook (killed by a signal). */
function sweepOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^feedback-pglite-(\d+)-/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && processGone(Number(pid))) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export interface ScratchDataDir {
  path: string;
  /** True when the directory holds a copy of the template (so a failure to open it may be the template's). */
  fromTemplate: boolean;
  remove(): void;
}

/** Runs initdb in an empty directory and closes the cluster cleanly. */
export type InitCluster = (dataDir: string) => Promise<void>;

/** Names the template after the PGlite build: a new build never opens an old build's cluster. */
function templatePath(): string {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const build = ['pglite.wasm', 'pglite.data', 'initdb.wasm'].map((f) => {
    const s = statSync(join(dist, f));
    return `${f}:${s.size}:${s.mtimeMs}`;
  });
  const id = createHash('sha256').update(build.join('|')).digest('hex').slice(0, 16);
  return join(tmpdir(), `${PREFIX}template-${process.getuid?.() ?? 'user'}-${id}`);
}

/** Only a template this user made, that nobody else can write, is trusted. */
function usable(template: string): boolean {
  if (!existsSync(join(template, 'complete'))) return false;
  const s = lstatSync(template);
  return s.isDirectory() && (process.getuid === undefined || s.uid === process.getuid()) && (s.mode & 0o022) === 0;
}

let building: Promise<string | undefined> | undefined;

async function buildTemplate(template: string, init: InitCluster): Promise<string | undefined> {
  const work = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-template-`));
  try {
    await init(join(work, 'pgdata'));
    writeFileSync(join(work, 'complete'), '');
    try {
      renameSync(work, template);
    } catch {
      // Another process finished first: use theirs.
      rmSync(work, { recursive: true, force: true });
    }
    return usable(template) ? template : undefined;
  } catch {
    rmSync(work, { recursive: true, force: true });
    return undefined;
  }
}

/** The template, built on first use; undefined when it cannot be had (then initdb runs as usual). */
function template(init: InitCluster): Promise<string | undefined> {
  building ??= (async () => {
    const path = templatePath();
    return usable(path) ? path : buildTemplate(path, init);
  })().catch(() => undefined);
  return building;
}

/** Forgets a template that failed to open, so the next scratch directory starts empty or from a new one. */
export function discardTemplate(): void {
  const path = templatePath();
  building = undefined;
  rmSync(path, { recursive: true, force: true });
}

export async function createScratchDataDir(init: InitCluster, useTemplate = true): Promise<ScratchDataDir> {
  const source = useTemplate ? await template(init) : undefined;
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAll);
    sweepOrphans();
  }
  const path = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  live.add(path);
  let fromTemplate = false;
  if (source !== undefined) {
    try {
      cpSync(join(source, 'pgdata'), path, { recursive: true });
      fromTemplate = true;
    } catch {
      // The template went away meanwhile: start empty.
      rmSync(path, { recursive: true, force: true });
      mkdirSync(path, { mode: 0o700 });
    }
  }
  return {
    path,
    fromTemplate,
    remove() {
      live.delete(path);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
