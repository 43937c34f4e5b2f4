// The engines every server suite runs on: embedded PGlite always; PostgreSQL too when
// DATABASE_URL is set. Each test file gets its own fresh, migrated database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { migrate } from '../../src/storage/migrate.js';
import { openPostgres } from '../../src/storage/pg-driver.js';
import { openPglite } from '../../src/storage/pglite-driver.js';

export interface TestDatabase {
  db: Db;
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** The server's statement timeout; none on PGlite and 30 s on PostgreSQL by default. */
  statementTimeoutMs?: number;
}

export interface TestEngine {
  name: 'pglite' | 'postgres';
  open(opts?: TestDatabaseOptions): Promise<TestDatabase>;
}

const pgliteEngine: TestEngine = {
  name: 'pglite',
  async open(opts = {}) {
    const db = await openPglite('memory://', opts);
    await migrate(db);
    return { db, dispose: () => db.close() };
  },
};

function postgresEngine(adminUrl: string): TestEngine {
  return {
    name: 'postgres',
    async open(opts = {}) {
      const name = `feedback_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = openPostgres({ connectionString: url.toString(), maxConnections: 5, statementTimeoutMs: opts.statementTimeoutMs ?? 30_000, connectTimeoutMs: 5_000 });
      await migrate(db);
      return {
        db,
        async dispose() {
          await db.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}

export function testEngines(): TestEngine[] {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? [pgliteEngine] : [pgliteEngine, postgresEngine(url)];
}

/**
 * A fresh, migrated database on `engine` for the enclosing describe block, disposed after it.
 * Call the returned function inside hooks and tests (it throws before the database is open).
 */
export function useTestDatabase(engine: TestEngine): () => TestDatabase {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });
  return () => {
    if (t === undefined) throw new Error('the test database is not open yet');
    return t;
  };
}
