import type { Logger } from 'pino';
import type { Db } from '../storage/db.js';
import { postgresHitStore } from './postgres-hit-store.js';
import { WindowLimiter } from './window-limiter.js';

/**
 * One-minute windows. On PostgreSQL the counts are shared by every process on the database
 * (workers, other instances); embedded PGlite serves from one process, whose memory is enough.
 */
export function limiterFor(db: Db, logger: Pick<Logger, 'warn'>): WindowLimiter {
  if (db.engine === 'pglite') return new WindowLimiter();
  return new WindowLimiter({
    store: postgresHitStore(db),
    onSyncError: (err) => {
      logger.warn({ err }, 'rate-limit counters not shared this time (kept in memory, retried)');
    },
  });
}
