// A migrated database for tests whose code under test may leave a connection checked out
// forever (a hung transaction). PostgreSQL: a scratch database that is dropped WITH (FORCE)
// first, which ends every session, and the pool is then given a bounded time to close — so
// a hang fails its own test instead of also hanging the suite's teardown.
import { setTimeout as delay } from 'node:timers/promises';
import { migrate } from '../../src/storage/migrate.js';
import { openPostgres } from '../../src/storage/pg-driver.js';
import type { TestDatabase, TestEngine } from './engines.js';
import { createScratchDatabase, postgresAdminUrl } from './scratch-postgres.js';

export async function openForceDisposable(engine: TestEngine): Promise<TestDatabase> {
  const adminUrl = postgresAdminUrl();
  if (engine.name !== 'postgres' || adminUrl === undefined) return engine.open();
  const scratch = await createScratchDatabase(adminUrl);
  const db = openPostgres({ connectionString: scratch.url, maxConnections: 5, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
  await migrate(db);
  return {
    db,
    async dispose() {
      await scratch.drop();
      await Promise.race([db.close(), delay(2_000)]);
    },
  };
}

/** `work`, or a rejection naming `what` when it has not settled within `ms`. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timeout = delay(ms, undefined, { signal: controller.signal }).then(() => {
    throw new Error(`${what} did not finish within ${ms} ms`);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    controller.abort();
    timeout.catch(() => undefined);
  }
}
