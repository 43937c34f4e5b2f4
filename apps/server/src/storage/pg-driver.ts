import pg from 'pg';
import { beginStatement, type Db, type Queryable, type QueryOptions, type QueryResultRows, type TransactionOptions } from './db.js';
import { listenForNotifications, type NotificationListener } from './pg-listener.js';
import { sessionStartupOptions, withSessionOptions } from './session-settings.js';

export interface PgOptions {
  connectionString: string;
  maxConnections: number;
  statementTimeoutMs: number;
  /** Deadline to open a connection, and to wait for a free one in the pool. */
  connectTimeoutMs: number;
  /** Hears errors of idle pooled connections (the server went away); the pool replaces them. */
  onPoolError?: (err: Error) => void;
}

// A pool query's own deadline sits this far above the statement timeout, so PostgreSQL's cancel
// (a clean error) comes first; the deadline only fires when the server cannot answer at all (a
// half-open connection), and then the connection is destroyed instead of holding the request.
const DEADLINE_MARGIN_MS = 2_000;
// TCP keep-alive probes start after this much silence on a connection, so one whose peer vanished
// is noticed by the kernel even while nothing is being sent.
const KEEP_ALIVE_DELAY_MS = 10_000;

function wrap(client: pg.Pool | pg.PoolClient | pg.Client): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResultRows<T>> {
      const res = options.prepare === undefined
        ? await client.query<T>(sql, params as unknown[])
        : await client.query<T>({ name: options.prepare, text: sql, values: params as unknown[] });
      return { rows: res.rows };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/** The connection failed under the query (or the query outlived its deadline): it cannot be reused. */
function isConnectionLost(err: unknown): boolean {
  return err instanceof Error && /Query read timeout|Connection terminated|ECONNRESET|EPIPE/.test(err.message);
}

export function openPostgres(opts: PgOptions): Db {
  const connection: pg.ClientConfig = {
    connectionString: withSessionOptions(opts.connectionString),
    connectionTimeoutMillis: opts.connectTimeoutMs,
    statement_timeout: opts.statementTimeoutMs,
    // Used when the connection string is not a URL (withSessionOptions leaves it as it is).
    options: sessionStartupOptions(),
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_DELAY_MS,
  };
  const pool = new pg.Pool({
    ...connection,
    max: opts.maxConnections,
    idleTimeoutMillis: 30_000,
    // A query that errs (this deadline included) releases its connection with the error, and
    // the pool destroys it rather than handing a stuck connection to the next request.
    query_timeout: opts.statementTimeoutMs + DEADLINE_MARGIN_MS,
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  const onPoolError = opts.onPoolError ?? (() => undefined);
  pool.on('error', (err) => onPoolError(err));
  const direct = wrap(pool);
  const listeners = new Set<NotificationListener>();
  return {
    engine: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(beginStatement(options));
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        // A connection that failed (or outlived its deadline) is dropped, which ends the
        // transaction on the server: a ROLLBACK sent down it would only wait out another deadline.
        broken = isConnectionLost(err) || !(await client.query('ROLLBACK').then(() => true, () => false));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async session<T>(fn: (session: Queryable) => Promise<T>): Promise<T> {
      // A connection of its own, outside the pool: a migration may run far longer than a request's
      // deadline, and settings the session changes must not reach requests. Closed afterwards.
      const client = new pg.Client(connection);
      client.on('error', (err) => onPoolError(err));
      await client.connect();
      try {
        return await fn(wrap(client));
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async subscribe(channel, handlers): Promise<void> {
      const listener = listenForNotifications({ connectionString: opts.connectionString, connectTimeoutMs: opts.connectTimeoutMs }, channel, handlers);
      listeners.add(listener);
      await listener.ready;
    },
    async close(): Promise<void> {
      await Promise.all([...listeners].map((l) => l.close()));
      await pool.end();
    },
  };
}
