import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResultRows } from './db.js';
import { sessionSetSql } from './session-settings.js';

/** `memory://` keeps everything in memory; any other value is a directory on disk. */
export async function openPglite(dataDir: string): Promise<Db> {
  const db = dataDir === 'memory://' ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  await db.exec(sessionSetSql());
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResultRows<T>> {
      const res = await q.query<T>(sql, params as unknown[]);
      return { rows: res.rows };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  });
  const direct = wrap(db);
  return {
    engine: 'pglite',
    query: direct.query,
    exec: direct.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => db.transaction((tx) => fn(wrap(tx))),
    // The one connection there is.
    session: <T>(fn: (session: Queryable) => Promise<T>): Promise<T> => fn(direct),
    close: () => db.close(),
  };
}
