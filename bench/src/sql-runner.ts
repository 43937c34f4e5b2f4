// One way to send SQL to either engine from the benchmark process: a node-postgres client, or an
// embedded PGlite opened on the server's data directory (while the server is stopped).
import pg from 'pg';
import { openPglite } from '@feedback/server';

export interface SqlRunner {
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Several statements without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function postgresRunner(url: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async query(sql, params = []) {
      return (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[];
    },
    async exec(sql) {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

export async function pgliteRunner(dataDir: string): Promise<SqlRunner> {
  const db = await openPglite(dataDir);
  return {
    async query(sql, params = []) {
      return (await db.query<Record<string, unknown>>(sql, params)).rows;
    },
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
  };
}
