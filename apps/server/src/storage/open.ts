import type { Config } from '../env.js';
import type { Db } from './db.js';
import { openPostgres } from './pg-driver.js';
import { openPglite } from './pglite-driver.js';

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in FEEDBACK_DATA_DIR otherwise. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolMax' | 'statementTimeoutMs'>): Promise<Db> {
  if (config.databaseUrl !== undefined) {
    return openPostgres({
      connectionString: config.databaseUrl,
      maxConnections: config.poolMax,
      statementTimeoutMs: config.statementTimeoutMs,
      connectTimeoutMs: 5_000,
    });
  }
  return openPglite(config.dataDir);
}
