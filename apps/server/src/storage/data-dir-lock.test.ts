import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

const PID_FILE = 'feedback-server.pid';

/** The pid of a process that has exited: nothing runs under it any more (barring reuse). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedback-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the directory until released, then lets it be taken again', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();
    expect(existsSync(join(dir, PID_FILE))).toBe(false);
    lockDataDir(dir)();
  });

  it('creates a directory that does not exist yet', () => {
    const dir = join(freshDir(), 'nested', 'data');
    lockDataDir(dir)();
  });

  it('refuses a directory held by another running process, naming it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, PID_FILE), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(`is in use by process ${process.ppid}`);
  });

  it('takes over a pid file left by a process that is gone, or by an earlier run under our own pid', () => {
    for (const stale of [deadPid(), process.pid, 'garbage']) {
      const dir = freshDir();
      writeFileSync(join(dir, PID_FILE), String(stale));
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, PID_FILE), 'utf8')).toBe(String(process.pid));
      release();
    }
  });
});
