// One storage interface, two drivers (node-postgres and embedded PGlite), the same SQL.
export interface QueryResultRows<T> {
  rows: T[];
}

export interface QueryOptions {
  /**
   * Run as a named prepared statement (PostgreSQL: parsed and planned once per connection, then
   * reused; PGlite ignores it). Only for a constant text that runs often and costs more to plan
   * than to run (the insert with roll-up deltas: src/rollups/insert-with-rollups.ts).
   */
  prepare?: string;
}

export interface Queryable {
  query<T extends object>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResultRows<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface NotificationHandlers {
  onMessage(payload: string): void;
  /** Notifications may have been missed (the connection dropped, or listening just began). */
  onGap(): void;
}

export interface TransactionOptions {
  /**
   * Read only, on one snapshot (REPEATABLE READ), said in the BEGIN itself: a SET TRANSACTION
   * after it would cost a round trip of its own on every read that needs the snapshot.
   */
  readOnlySnapshot?: boolean;
}

/** The statement that opens a transaction with `options`. */
export function beginStatement(options: TransactionOptions | undefined): string {
  return options?.readOnlySnapshot === true ? 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' : 'BEGIN';
}

export interface Db extends Queryable {
  /** Which engine answers: reported by /readyz logs and benchmarks. */
  readonly engine: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `fn` on one connection held for its whole duration, outside any transaction: for work
   * that keeps session state across statements (migrations: a session advisory lock, their own
   * timeouts, CREATE INDEX CONCURRENTLY). A pooled engine discards that connection afterwards;
   * an engine with a single connection (PGlite) keeps it, so `fn` restores what it changes.
   */
  session<T>(fn: (session: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: hears every NOTIFY on `channel` from any session, over a dedicated connection
   * that reconnects until `close()`. Resolves once the first attempt to listen has settled.
   */
  subscribe?(channel: string, handlers: NotificationHandlers): Promise<void>;
  close(): Promise<void>;
}
