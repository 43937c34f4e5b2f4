// The roll-ups' background work in a serving process: every `intervalMs`, the backfill (rows not
// yet rolled up) and then the compactor (delta rows merged). Both are safe to run in every
// worker and instance at once (SKIP LOCKED, try-locks). A failed pass is logged and retried at
// the next tick; stop() waits for the pass in progress to end at its next step.
import type { Logger } from 'pino';
import type { Db } from '../storage/db.js';
import { backfillRollups } from './backfill.js';
import { compactRollups, type CompactionStats } from './compactor.js';

export interface RollupJobs {
  /** Runs a pass now (after the one in progress, if any); resolves when it is done. */
  runNow(): Promise<RollupPass>;
  /** No new pass starts; resolves when the one in progress has stopped. */
  stop(): Promise<void>;
}

export interface RollupPass {
  backfilled: number;
  compaction: CompactionStats;
}

export const ROLLUP_JOB_INTERVAL_MS = 5_000;

export function startRollupJobs(db: Db, logger: Pick<Logger, 'warn' | 'debug'>, intervalMs = ROLLUP_JOB_INTERVAL_MS): RollupJobs {
  let stopped = false;
  let running: Promise<RollupPass> = Promise.resolve({ backfilled: 0, compaction: { deleted: 0, written: 0 } });
  const shouldStop = () => stopped;

  const pass = async (): Promise<RollupPass> => {
    const backfilled = await backfillRollups(db, { shouldStop });
    const compaction = await compactRollups(db, shouldStop);
    if (backfilled > 0 || compaction.deleted > 0) logger.debug({ backfilled, ...compaction }, 'roll-up maintenance');
    return { backfilled, compaction };
  };
  const enqueue = (): Promise<RollupPass> => {
    running = running.catch(() => undefined).then(() => (stopped ? { backfilled: 0, compaction: { deleted: 0, written: 0 } } : pass()));
    return running;
  };

  const timer = setInterval(() => {
    enqueue().catch((err: unknown) => logger.warn({ err }, 'roll-up maintenance failed; it runs again at the next tick'));
  }, intervalMs);
  // The timer alone keeps no process alive (CLI commands, tests).
  timer.unref();

  return {
    runNow: enqueue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
