// The reference server, as `npm start` runs it but in-process: the real app factory (validator,
// SQL, auth) on embedded PGlite, listening on a free loopback port, serving the built dashboard
// at `/`. Its clock is injectable so that seeding can write rows at chosen instants; afterwards
// it is the browser's fixed "now".
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { createApp, createKeyStore, createLogger, migrate, openPglite, type ApiKeySeed, type Db } from '@feedback/server';
import { NOW_MS, seedGroups } from './seed-rows.js';

export const KEYS = {
  /** Reads and writes both seeded projects. */
  lead: { key: 'e2e-lead-key-0123456789', user: 'lead', projects: ['acme/*'] },
  /** Valid, but for another entity: every acme project is a 403. */
  outsider: { key: 'e2e-outsider-key-0123456789', user: 'outsider', projects: ['other/*'] },
} satisfies Record<string, ApiKeySeed>;

export interface RealServer {
  /** `http://127.0.0.1:<port>`: the dashboard at `/`, the API under `/feedback`. */
  baseUrl: string;
  db: Db;
  /** The SDK on the same server, with the lead's key: the test's oracle. */
  api: FeedbackClient;
  rowCount: number;
  close(): Promise<void>;
}

export async function startRealServer(): Promise<RealServer> {
  const db = await openPglite('memory://');
  await migrate(db);
  const clock = { now: NOW_MS };
  const app = createApp({
    db,
    keys: createKeyStore(db, Object.values(KEYS)),
    logger: createLogger('silent'),
    validateResponses: true,
    now: () => clock.now,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = createFeedbackClient({ baseUrl, apiKey: KEYS.lead.key, retries: 0 });
  let rowCount = 0;
  // Each group is one batch written at its own instant (created_at is the server's clock).
  for (const group of seedGroups()) {
    clock.now = group.createdAtMs;
    const answer = await api.createBatch({ batch: group.rows });
    rowCount += answer.res.length;
  }
  clock.now = NOW_MS;
  return {
    baseUrl,
    db,
    api,
    rowCount,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
