// The reference server built in-process (as apps/server's own tests do): the real Express app,
// request and response validation on, listening on a loopback port, with a settable clock and
// the contract keys. Seeding goes through the import path (`parseImportLine` + `insertFeedback`),
// which applies the same create rules as the endpoint.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createKeyStore, createLogger, insertFeedback, parseImportLine } from '@feedback/server';
import { SERVER_KEY_SEEDS } from '../support/keys.js';
import type { SeedRow } from './seed-row.js';
import { INITIAL_NOW_MS, type StatefulTarget } from './target.js';
import { openTestDatabase, type EngineName } from './test-database.js';

export interface ServerTargetOptions {
  /** The server's own response validation; off to leave the checking to someone else (Prism proxy). */
  validateResponses?: boolean;
}

export async function startServerTarget(engine: EngineName, opts: ServerTargetOptions = {}): Promise<StatefulTarget> {
  const { db, dispose } = await openTestDatabase(engine);
  const clock = { now: INITIAL_NOW_MS };
  const app = createApp({
    db,
    keys: createKeyStore(db, SERVER_KEY_SEEDS),
    logger: createLogger('silent'),
    validateResponses: opts.validateResponses ?? true,
    now: () => clock.now,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    kind: 'stateful',
    name: `server on ${engine}`,
    baseUrl: `http://127.0.0.1:${port}`,
    setNow(epochMs) {
      clock.now = epochMs;
    },
    async seed(rows: readonly SeedRow[]) {
      await insertFeedback(db, rows.map((row) => parseImportLine(JSON.stringify(row))));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispose();
    },
  };
}
