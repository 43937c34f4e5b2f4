import pg from 'pg';
import type { Db, Queryable, QueryResultRows } from './db.js';
import { sessionStartupOptions, withSessionOptions } from './session-settings.js';

export interface PgOptions {
  connectionString: string;
  maxConnections: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResultRows<T>> {
      const res = await client.query<T>(sql, params as unknown[]);
      return { rows: res.rows };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export function openPostgres(opts: PgOptions): Db {
  const pool = new pg.Pool({
    connectionString: withSessionOptions(opts.connectionString),
    max: opts.maxConnections,
    connectionTimeoutMillis: opts.connectTimeoutMs,
    statement_timeout: opts.statementTimeoutMs,
    // Used when the connection string is not a URL (withSessionOptions leaves it as it is).
    options: sessionStartupOptions(),
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const direct = wrap(pool);
  return {
    engine: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async session<T>(fn: (session: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        return await fn(wrap(client));
      } finally {
        // Destroyed rather than returned: settings the session changed must not reach requests.
        client.release(true);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
