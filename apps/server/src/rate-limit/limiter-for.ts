import type { Logger } from 'pino';
import type { Db } from '../storage/db.js';
import { postgresHitStore } from './postgres-hit-store.js';
import { WindowLimiter } from './window-limiter.js';

// A database outage fails a sync every 200 ms: one warning a minute says it.
const SYNC_WARNING_EVERY_MS = 60_000;

/**
 * One-minute windows. On PostgreSQL the counts are shared by every process on the database
 * (workers, other instances); embedded PGlite serves from one process, whose memory is enough.
 */
export function limiterFor(db: Db, logger: Pick<Logger, 'warn'>): WindowLimiter {
  if (db.engine === 'pglite') return new WindowLimiter();
  let warnedAt = Number.NEGATIVE_INFINITY;
  let failures = 0;
  return new WindowLimiter({
    store: postgresHitStore(db),
    onSyncError: (err) => {
      failures++;
      if (Date.now() - warnedAt < SYNC_WARNING_EVERY_MS) return;
      warnedAt = Date.now();
      logger.warn({ err, failures }, 'rate-limit counts not shared with other processes (counted here meanwhile, sent when the database answers)');
      failures = 0;
    },
  });
}
