import type { Logger } from 'pino';
import type { Config } from '../env.js';
import type { Db } from './db.js';
import { openPostgres } from './pg-driver.js';
import { openPglite } from './pglite-driver.js';

export interface OpenDbHooks {
  /** Errors of idle PostgreSQL connections (the server restarted, the network dropped): log them. */
  onPoolError?: (err: Error) => void;
}

/** Hooks that log what the pool hears, at warn: a lost connection is expected in a restart, but worth seeing. */
export function logPoolErrors(logger: Pick<Logger, 'warn'>): OpenDbHooks {
  return { onPoolError: (err) => logger.warn({ err }, 'an idle database connection failed; the pool opens a new one when needed') };
}

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in FEEDBACK_DATA_DIR otherwise. */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolMax' | 'statementTimeoutMs'>,
  hooks: OpenDbHooks = {},
): Promise<Db> {
  if (config.databaseUrl !== undefined) {
    return openPostgres({
      connectionString: config.databaseUrl,
      maxConnections: config.poolMax,
      statementTimeoutMs: config.statementTimeoutMs,
      connectTimeoutMs: 5_000,
      ...(hooks.onPoolError === undefined ? {} : { onPoolError: hooks.onPoolError }),
    });
  }
  return openPglite(config.dataDir, { statementTimeoutMs: config.statementTimeoutMs });
}
