// Engines whose database a test can take away while the app keeps running.
// PostgreSQL: the app's pool reaches the server through a TCP proxy that is stopped (nothing
// listens on the port any more, open connections are cut) and started again — a real outage
// and a real recovery. PGlite is in-process: the only outage is closing it, which is final.
import { migrate } from '../../src/storage/migrate.js';
import { openPostgres } from '../../src/storage/pg-driver.js';
import type { TestEngine } from './engines.js';
import { createScratchDatabase, postgresAdminUrl } from './scratch-postgres.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface OutageEngine extends TestEngine {
  takeDown(): Promise<void>;
  /** Ends the outage; undefined when the engine cannot come back (PGlite). */
  readonly bringBack: (() => Promise<void>) | undefined;
}

function postgresOutageEngine(adminUrl: string): OutageEngine {
  let proxy: TcpProxy | undefined;
  const needProxy = (): TcpProxy => {
    if (proxy === undefined) throw new Error('the engine is not open');
    return proxy;
  };
  return {
    name: 'postgres',
    async open() {
      const scratch = await createScratchDatabase(adminUrl);
      const target = new URL(scratch.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(scratch.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      const db = openPostgres({ connectionString: viaProxy.toString(), maxConnections: 5, statementTimeoutMs: 30_000, connectTimeoutMs: 2_000 });
      await migrate(db);
      const p = proxy;
      return {
        db,
        async dispose() {
          await db.close();
          await p.stop();
          await scratch.drop();
        },
      };
    },
    takeDown: () => needProxy().stop(),
    bringBack: () => needProxy().start(),
  };
}

function pgliteOutageEngine(engine: TestEngine): OutageEngine {
  let closeNow: (() => Promise<void>) | undefined;
  return {
    name: engine.name,
    async open() {
      const opened = await engine.open();
      let closed = false;
      closeNow = async () => {
        closed = true;
        await opened.dispose();
      };
      return {
        db: opened.db,
        dispose: async () => {
          if (!closed) await opened.dispose();
        },
      };
    },
    async takeDown() {
      if (closeNow === undefined) throw new Error('the engine is not open');
      await closeNow();
    },
    bringBack: undefined,
  };
}

export function outageEngine(engine: TestEngine): OutageEngine {
  if (engine.name === 'pglite') return pgliteOutageEngine(engine);
  const adminUrl = postgresAdminUrl();
  if (adminUrl === undefined) throw new Error('the postgres engine needs DATABASE_URL');
  return postgresOutageEngine(adminUrl);
}
