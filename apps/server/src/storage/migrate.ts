// Applies the numbered `.sql` files in `migrations/` that have not run yet.
//
// - One session of its own (Db.session), without the request statement timeout: building an
//   index over a large table takes longer than any request may.
// - A lock timeout on every statement: a migration that waits for a lock behind a long
//   transaction makes every writer queue behind it, so it gives up after `lockTimeoutMs`, waits,
//   and tries again a few times before failing with a message that says so.
// - Serialised across replicas by a session advisory lock, polled for without a lock timeout.
// - A file starting with `-- migrate: no-transaction` runs statement by statement outside a
//   transaction (CREATE INDEX CONCURRENTLY); an INVALID index a failed concurrent build left
//   behind is dropped before that build runs again. Others run each in their own transaction.
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../env.js';
import type { Db, Queryable } from './db.js';
import { concurrentIndexName, isConcurrent, readMigrationFiles, type MigrationFile } from './migration-files.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant shared by all migrators: concurrent start-ups wait for each other.
const MIGRATION_LOCK_ID = 7_341_201;
const LOCK_NOT_AVAILABLE = '55P03';
const MIGRATION_LOCK_POLL_MS = 100;

export interface MigrateOptions {
  /** How long one statement may wait for a table lock. Default 5 s. */
  lockTimeoutMs?: number;
  /** Tries per migration when its lock wait times out. Default 5. */
  attempts?: number;
  /** Pause before the second try; doubled before each further one. Default 1 s. */
  retryDelayMs?: number;
  /** Called before each retry, to log it. */
  onRetry?: (event: { migration: string; attempt: number; delayMs: number }) => void;
  /** Defaults to the package's `migrations/`. */
  dir?: string;
}

export interface MigrationResult {
  applied: string[];
}

/** The options the server and the command line migrate with. */
export function migrateOptions(config: Pick<Config, 'migrationLockTimeoutMs'>, logger: Pick<Logger, 'warn'>): MigrateOptions {
  return {
    lockTimeoutMs: config.migrationLockTimeoutMs,
    onRetry: (event) => logger.warn(event, 'a migration waited too long for a table lock; trying again'),
  };
}

/** A migration that could not run; `message` says what to do about it. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrationResult> {
  const files = await readMigrationFiles(options.dir ?? MIGRATIONS_DIR);
  return db.session(async (s) => {
    const saved = await currentTimeouts(s);
    // Clean-up failures must not hide why a migration failed; on PostgreSQL the session's
    // connection is closed afterwards anyway, which releases the lock and its settings.
    const cleanUp = (work: Promise<unknown>) => work.catch(() => undefined);
    try {
      await setTimeouts(s, { statement: '0', lock: '0' });
      await takeMigrationLock(s);
      try {
        return await applyPending(s, files, options);
      } finally {
        await cleanUp(s.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]));
      }
    } finally {
      await cleanUp(setTimeouts(s, saved));
    }
  });
}

/**
 * Polled with pg_try_advisory_lock, not waited for with pg_advisory_lock: a statement waiting for
 * the lock holds a snapshot, and CREATE INDEX CONCURRENTLY in the holder's migration waits for
 * every such snapshot to end, a deadlock. Between tries this session is idle and holds none.
 */
async function takeMigrationLock(s: Queryable): Promise<void> {
  for (;;) {
    const res = await s.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_ID]);
    if (res.rows[0]?.ok === true) return;
    await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_POLL_MS));
  }
}

async function applyPending(s: Queryable, files: MigrationFile[], options: MigrateOptions): Promise<MigrationResult> {
  const lockTimeout = `${options.lockTimeoutMs ?? 5_000}ms`;
  await s.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = await s.query<{ version: number }>('SELECT version FROM schema_migrations');
  const have = new Set(done.rows.map((r) => r.version));
  const applied: string[] = [];
  for (const file of files) {
    if (have.has(file.version)) continue;
    await withLockRetries(file.name, options, () =>
      file.statements === undefined ? applyInTransaction(s, file, lockTimeout) : applyStatementByStatement(s, file, file.statements, lockTimeout),
    );
    applied.push(file.name);
  }
  return { applied };
}

async function applyInTransaction(s: Queryable, file: MigrationFile, lockTimeout: string): Promise<void> {
  await s.query('BEGIN');
  try {
    await s.query("SELECT set_config('lock_timeout', $1, true)", [lockTimeout]);
    await s.exec(file.sql);
    await recordApplied(s, file);
    await s.query('COMMIT');
  } catch (err) {
    await s.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function applyStatementByStatement(s: Queryable, file: MigrationFile, statements: string[], lockTimeout: string): Promise<void> {
  try {
    for (const statement of statements) {
      const index = concurrentIndexName(statement);
      if (index !== undefined) await dropInvalidIndex(s, index);
      await s.query("SELECT set_config('lock_timeout', $1, false)", [isConcurrent(statement) ? '0' : lockTimeout]);
      await s.exec(statement);
    }
  } finally {
    await s.query("SELECT set_config('lock_timeout', '0', false)").catch(() => undefined);
  }
  await recordApplied(s, file);
}

async function recordApplied(s: Queryable, file: MigrationFile): Promise<void> {
  await s.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [file.version, file.name]);
}

/** A concurrent build that failed leaves its index INVALID: IF NOT EXISTS would keep that one. */
async function dropInvalidIndex(s: Queryable, name: string): Promise<void> {
  const res = await s.query<{ qualified: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS qualified
       FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = $1 AND n.nspname = ANY (current_schemas(false)) AND NOT i.indisvalid`,
    [name],
  );
  // The name comes from the catalog, quoted by format('%I'): DDL takes no parameters.
  for (const { qualified } of res.rows) await s.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`);
}

async function withLockRetries(migration: string, options: MigrateOptions, apply: () => Promise<void>): Promise<void> {
  const attempts = options.attempts ?? 5;
  let delayMs = options.retryDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await apply();
      return;
    } catch (err) {
      if (!isLockTimeout(err)) throw new MigrationError(`migration ${migration} failed: ${messageOf(err)}`, { cause: err });
      if (attempt >= attempts) {
        throw new MigrationError(
          `migration ${migration} gave up after ${attempts} attempts: each time it waited ${options.lockTimeoutMs ?? 5_000} ms ` +
            'for a lock that another transaction holds (lock_timeout; writers queue behind a waiting migration, so it does not wait longer). ' +
            'End the long-running transaction (see pg_stat_activity) or raise FEEDBACK_MIGRATION_LOCK_TIMEOUT_MS, then start again.',
          { cause: err },
        );
      }
      options.onRetry?.({ migration, attempt, delayMs });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs *= 2;
    }
  }
}

function isLockTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === LOCK_NOT_AVAILABLE;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Timeouts {
  statement: string;
  lock: string;
}

async function currentTimeouts(s: Queryable): Promise<Timeouts> {
  const res = await s.query<Timeouts>("SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock");
  return res.rows[0] ?? { statement: '0', lock: '0' };
}

async function setTimeouts(s: Queryable, t: Timeouts): Promise<void> {
  await s.query("SELECT set_config('statement_timeout', $1, false), set_config('lock_timeout', $2, false)", [t.statement, t.lock]);
}
