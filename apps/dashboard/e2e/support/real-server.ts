// The reference server, as `npm start` runs it but in-process: the real app factory (validator,
// SQL, auth) on embedded PGlite, listening on a free loopback port, serving the built dashboard
// at `/`. Seeded as a project fills up: its history through the server's bulk import (created_at
// per line, one transaction: a hundred HTTP batches cost ~25 s on a busy 2-core machine), its
// last hours through the SDK's batch create, each batch written at its hour by the injectable
// clock, which then stays at the browser's "now".
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { createApp, createKeyStore, createLogger, importFile, migrate, openPglite, type ApiKeySeed, type Db } from '@feedback/server';
import { NOW_MS, seedGroups, type SeedGroup } from './seed-rows.js';

/** Rows written through HTTP (SDK batch create) rather than the import: the last hours. */
const HTTP_SEED_MS = 6 * 3_600_000;

export const KEYS = {
  /** Reads and writes both seeded projects. */
  lead: { key: 'e2e-lead-key-0123456789', user: 'lead', projects: ['acme/*'] },
  /** Valid, but for another entity: every acme project is a 403. */
  outsider: { key: 'e2e-outsider-key-0123456789', user: 'outsider', projects: ['other/*'] },
} satisfies Record<string, ApiKeySeed>;

/** The dashboard's production build, made by `npm run build` before the e2e suite runs. */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

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
  if (!existsSync(`${DASHBOARD_DIST}index.html`)) {
    throw new Error('apps/dashboard/dist/ is missing: the e2e suite runs after the dashboard\'s build (npm run build -w @feedback/dashboard)');
  }
  const db = await openPglite('memory://');
  await migrate(db);
  const clock = { now: NOW_MS };
  const app = createApp({
    db,
    keys: createKeyStore(db, Object.values(KEYS)),
    logger: createLogger('silent'),
    validateResponses: true,
    now: () => clock.now,
    dashboardDir: DASHBOARD_DIST,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = createFeedbackClient({ baseUrl, apiKey: KEYS.lead.key, retries: 0 });
  const groups = seedGroups();
  const history = groups.filter((g) => g.createdAtMs < NOW_MS - HTTP_SEED_MS);
  let rowCount = await importHistory(db, history);
  for (const group of groups.slice(history.length)) {
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

/** Writes the groups as an import file (a create body + created_at + wb_user_id per line) and imports it. */
async function importHistory(db: Db, groups: readonly SeedGroup[]): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-e2e-seed-'));
  try {
    const file = join(dir, 'history.jsonl');
    const lines = groups.flatMap((g) => g.rows.map((row) => JSON.stringify({ ...row, created_at: new Date(g.createdAtMs).toISOString(), wb_user_id: KEYS.lead.user })));
    await writeFile(file, `${lines.join('\n')}\n`);
    const result = await importFile(db, file);
    if (!result.committed) throw new Error(`the seed import was refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return result.inserted;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
