// Whether a pid names no process any more: the test both the PGlite directory lock and the sweep of
// orphaned `memory://` directories make before taking over what a process left behind.

/**
 * True only when the system says no such process exists (ESRCH). Any other answer, EPERM (it exists
 * but belongs to another user) included, counts as alive: taking over a live process's files is
 * the mistake to avoid.
 */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
