// Migrations: their own session without the request statement timeout, a lock timeout that
// fails clearly instead of queueing every writer, serialised across migrators, and files marked
// `-- migrate: no-transaction` that build indexes concurrently (an INVALID leftover rebuilt).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/storage/db.js';
import { migrate, MigrationError } from '../src/storage/migrate.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import { openPglite } from '../src/storage/pglite-driver.js';
import { testEngines, type TestEngine } from './support/engines.js';
import { within } from './support/force-disposable-database.js';
import { createScratchDatabase, postgresAdminUrl } from './support/scratch-postgres.js';

interface Fresh {
  db: Db;
  /** A second, independent connection (PostgreSQL only). */
  url: string | undefined;
  dispose(): Promise<void>;
}

// One PGlite for the file (opening one costs seconds), emptied before each test.
let sharedPglite: Promise<Db> | undefined;
afterAll(async () => {
  await (await sharedPglite)?.close();
});

async function freshDatabase(engine: TestEngine, statementTimeoutMs = 30_000): Promise<Fresh> {
  const adminUrl = postgresAdminUrl();
  if (engine.name === 'pglite' || adminUrl === undefined) {
    sharedPglite ??= openPglite('memory://');
    const db = await sharedPglite;
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public; RESET statement_timeout');
    return { db, url: undefined, dispose: () => Promise.resolve() };
  }
  const scratch = await createScratchDatabase(adminUrl);
  const db = openPostgres({ connectionString: scratch.url, maxConnections: 3, statementTimeoutMs, connectTimeoutMs: 5_000 });
  return {
    db,
    url: scratch.url,
    async dispose() {
      await db.close();
      await scratch.drop();
    },
  };
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'feedback-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql, 'utf8');
  return dir;
}

async function indexValidity(db: Db, name: string): Promise<boolean | undefined> {
  const res = await db.query<{ valid: boolean }>('SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1', [name]);
  return res.rows[0]?.valid;
}

const TABLE = '001_table.sql';
const TABLE_SQL = 'CREATE TABLE t (a int NOT NULL, b text);\nINSERT INTO t SELECT g, g::text FROM generate_series(1, 1000) g;\n';

describe.each(testEngines())('migrate on $name', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  const open = async (statementTimeoutMs?: number) => {
    const fresh = await freshDatabase(engine, statementTimeoutMs);
    cleanups.push(fresh.dispose);
    return fresh;
  };
  const dirOf = async (files: Record<string, string>) => {
    const dir = await migrationsDir(files);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  }, 60_000);

  it('applies the migrations once; running again applies nothing', async () => {
    const { db } = await open();
    const first = await migrate(db);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrate(db)).toEqual({ applied: [] });
    const versions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(versions.rows[0]?.n).toBe(first.applied.length);
  }, 60_000);

  it('runs without the statement timeout requests have, and leaves that timeout as it was', async () => {
    const { db } = await open(200);
    // PGlite has one session, set here as a server would set it; PostgreSQL's pool sets 200 ms.
    if (engine.name === 'pglite') await db.exec("SET statement_timeout = '200ms'");
    const dir = await dirOf({ [TABLE]: TABLE_SQL, '002_slow.sql': 'SELECT pg_sleep(0.5);\n' });
    expect(await migrate(db, { dir })).toEqual({ applied: [TABLE, '002_slow.sql'] });
    const after = await db.query<{ statement_timeout: string }>('SHOW statement_timeout');
    expect(after.rows[0]?.statement_timeout).toBe('200ms');
    // PGlite does not enforce statement_timeout itself; PostgreSQL's requests still time out.
    if (engine.name === 'postgres') await expect(db.query('SELECT pg_sleep(0.5)')).rejects.toThrow(/statement timeout/);
  }, 60_000);

  it('runs a no-transaction file statement by statement: CREATE INDEX CONCURRENTLY, idempotently', async () => {
    const { db } = await open();
    const dir = await dirOf({
      [TABLE]: TABLE_SQL,
      '002_index.sql': '-- migrate: no-transaction\n-- two builds; each runs alone\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "t b" ON t (b);\n',
    });
    expect(await migrate(db, { dir })).toEqual({ applied: [TABLE, '002_index.sql'] });
    expect(await indexValidity(db, 't_a')).toBe(true);
    expect(await indexValidity(db, 't b')).toBe(true);
    expect(await migrate(db, { dir })).toEqual({ applied: [] });
  }, 60_000);

  it('a failed concurrent build fails clearly, and the next run drops its INVALID index and builds it again', async () => {
    const { db } = await open();
    const dir = await dirOf({
      [TABLE]: TABLE_SQL + 'INSERT INTO t VALUES (1, \'again\');\n',
      '002_unique.sql': '-- migrate: no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_unique ON t (a);\n',
    });
    const failed = await migrate(db, { dir }).then(() => undefined, (err: unknown) => err);
    expect(failed).toBeInstanceOf(MigrationError);
    expect(String((failed as Error).message)).toMatch(/002_unique\.sql.*(could not create unique index|duplicate)/s);
    expect(await indexValidity(db, 't_a_unique')).toBe(false);

    await db.query("DELETE FROM t WHERE b = 'again'");
    expect(await migrate(db, { dir })).toEqual({ applied: ['002_unique.sql'] });
    expect(await indexValidity(db, 't_a_unique')).toBe(true);
  }, 60_000);

  it.runIf(engine.name === 'postgres')('a migration waiting behind a long transaction gives up with a clear error instead of hanging', async () => {
    const { db, url } = await open();
    await migrate(db, { dir: await dirOf({ [TABLE]: TABLE_SQL }) });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // A reader in an open transaction holds ACCESS SHARE; ALTER TABLE needs ACCESS EXCLUSIVE.
      await holder.query('BEGIN');
      await holder.query('SELECT count(*) FROM t');
      const dir = await dirOf({ [TABLE]: TABLE_SQL, '002_alter.sql': 'ALTER TABLE t ADD COLUMN c int;\n' });
      const retries: number[] = [];
      const outcome = await within(
        10_000,
        'migrate behind a lock',
        migrate(db, { dir, lockTimeoutMs: 150, attempts: 3, retryDelayMs: 20, onRetry: (e) => retries.push(e.attempt) }).then(
          () => undefined,
          (err: unknown) => err,
        ),
      );
      expect(outcome).toBeInstanceOf(MigrationError);
      expect((outcome as Error).message).toMatch(/002_alter\.sql gave up after 3 attempts.*150 ms.*lock/s);
      expect(retries).toEqual([1, 2]);
      await holder.query('ROLLBACK');
      expect(await migrate(db, { dir })).toEqual({ applied: ['002_alter.sql'] });
    } finally {
      await holder.end();
    }
  }, 60_000);

  it.runIf(engine.name === 'postgres')('writers go on while a concurrent index build waits for an old transaction', async () => {
    const { db, url } = await open();
    await migrate(db, { dir: await dirOf({ [TABLE]: TABLE_SQL }) });
    const old = new pg.Client({ connectionString: url });
    const writer = new pg.Client({ connectionString: url });
    await old.connect();
    await writer.connect();
    try {
      await old.query('BEGIN');
      await old.query('INSERT INTO t VALUES (-1, NULL)');
      const dir = await dirOf({ [TABLE]: TABLE_SQL, '002_index.sql': '-- migrate: no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_b ON t (b);\n' });
      // A short lock timeout, which a plain CREATE INDEX behind `old` would hit.
      const migrating = migrate(db, { dir, lockTimeoutMs: 200, attempts: 1 });
      const waiting = async () =>
        (await writer.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).rows[0]?.n ?? 0;
      await within(10_000, 'the build to wait', (async () => {
        while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 20));
      })());
      // The build waits beyond the lock timeout, yet a writer is not queued behind it.
      await new Promise((r) => setTimeout(r, 400));
      await writer.query("SET lock_timeout = '1s'");
      await writer.query("INSERT INTO t VALUES (-2, 'during the build')");
      await old.query('COMMIT');
      expect(await within(10_000, 'the build', migrating)).toEqual({ applied: ['002_index.sql'] });
      expect(await indexValidity(db, 't_b')).toBe(true);
    } finally {
      await old.end();
      await writer.end();
    }
  }, 60_000);

  it.runIf(engine.name === 'postgres')('migrators started together apply each migration once', async () => {
    const { db, url } = await open();
    const other = openPostgres({ connectionString: url ?? '', maxConnections: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
    cleanups.push(() => other.close());
    const results = await Promise.all([migrate(db), migrate(other), migrate(db)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
  }, 60_000);
});
