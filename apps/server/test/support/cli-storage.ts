// Fresh storage for a command-line process, named the way the CLI reads it from the
// environment: an empty PGlite directory, or an empty PostgreSQL database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../src/storage/db.js';
import { openPostgres } from '../../src/storage/pg-driver.js';
import { openPglite } from '../../src/storage/pglite-driver.js';
import type { TestEngine } from './engines.js';
import { createScratchDatabase, postgresAdminUrl } from './scratch-postgres.js';

export interface CliStorage {
  /** The variables that point the CLI at this storage. */
  env: Record<string, string>;
  /** Opens it in this process (for PGlite: only while no CLI process has it open). */
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

export async function createCliStorage(engine: TestEngine): Promise<CliStorage> {
  if (engine.name === 'postgres') {
    const adminUrl = postgresAdminUrl();
    if (adminUrl === undefined) throw new Error('the postgres engine needs DATABASE_URL');
    const scratch = await createScratchDatabase(adminUrl);
    return {
      env: { DATABASE_URL: scratch.url },
      open: async () => openPostgres({ connectionString: scratch.url, maxConnections: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 }),
      dispose: scratch.drop,
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'feedback-cli-'));
  return {
    env: { FEEDBACK_DATA_DIR: dir },
    open: () => openPglite(dir),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
