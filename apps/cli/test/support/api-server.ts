// The real server (app factory, validator, SQL) on a loopback port for the CLI to talk to: on
// embedded PGlite always, and on a scratch PostgreSQL database too when DATABASE_URL is set.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { createApp, createKeyStore, createLogger, migrate, openPglite, openPostgres, type Db } from '@feedback/server';

export const KEY = 'cli-test-key-0123456789';
/** The same user and projects with the `backfill` scope too: `seed --days` dates rows with it. */
export const BACKFILL_KEY = 'cli-backfill-key-0123456789';

export interface ApiServer {
  url: string;
  /** An SDK client with the test key, to check what the CLI did through the API. */
  client: FeedbackClient;
  close(): Promise<void>;
}

export interface Engine {
  name: 'pglite' | 'postgres';
  open(): Promise<{ db: Db; dispose(): Promise<void> }>;
}

const pglite: Engine = {
  name: 'pglite',
  async open() {
    const db = await openPglite('memory://');
    return { db, dispose: () => db.close() };
  },
};

function postgres(adminUrl: string): Engine {
  const admin = () => openPostgres({ connectionString: adminUrl, maxConnections: 1, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
  return {
    name: 'postgres',
    async open() {
      // Hex digits only: safe to splice into DDL, which takes no parameters.
      const name = `feedback_cli_${randomBytes(6).toString('hex')}`;
      const a = admin();
      await a.query(`CREATE DATABASE ${name}`);
      await a.close();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = openPostgres({ connectionString: url.toString(), maxConnections: 5, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
      return {
        db,
        async dispose() {
          await db.close();
          const b = admin();
          await b.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await b.close();
        },
      };
    },
  };
}

export function engines(): Engine[] {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? [pglite] : [pglite, postgres(url)];
}

export async function startApiServer(engine: Engine): Promise<ApiServer> {
  const { db, dispose } = await engine.open();
  await migrate(db);
  const app = createApp({
    db,
    keys: createKeyStore(db, [
      { key: KEY, user: 'alice', projects: ['acme/*'] },
      { key: BACKFILL_KEY, user: 'alice', projects: ['acme/*'], scopes: ['ingest', 'read', 'backfill'] },
    ]),
    logger: createLogger('silent'),
    validateResponses: true,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    client: createFeedbackClient({ baseUrl: url, apiKey: KEY, retries: 0 }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}
