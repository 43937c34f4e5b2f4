// How long to wait before replacing a worker that died: doubling with each crash that follows
// quickly on the last, up to a cap, so a worker that cannot start (a bad configuration, a
// database that refuses it) is not forked in a tight loop; back to the start once a worker has
// stayed up for a while.

export interface RestartBackoffOptions {
  initialMs: number;
  maxMs: number;
  /** A worker that lived this long ends the streak of crashes. */
  stableAfterMs: number;
}

export const RESTART_BACKOFF_DEFAULTS: RestartBackoffOptions = { initialMs: 500, maxMs: 30_000, stableAfterMs: 60_000 };

export interface RestartBackoff {
  /** The pause before replacing a worker that ran for `uptimeMs`. */
  next(uptimeMs: number): number;
}

export function createRestartBackoff(o: RestartBackoffOptions = RESTART_BACKOFF_DEFAULTS): RestartBackoff {
  let streak = 0;
  return {
    next(uptimeMs) {
      streak = uptimeMs >= o.stableAfterMs ? 0 : streak + 1;
      if (streak === 0) return 0;
      return Math.min(o.maxMs, o.initialMs * 2 ** Math.min(streak - 1, 30));
    },
  };
}
