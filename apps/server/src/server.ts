// Opens the database, migrates, and serves until SIGTERM/SIGINT, then drains and closes.
import { once } from 'node:events';
import { ALL_PROJECTS } from '@feedback/semantics';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './env.js';
import { generateKey } from './keys/key-hash.js';
import { countKeys, createKeyStore, insertKey } from './keys/key-store.js';
import { migrate } from './storage/migrate.js';
import { openDb } from './storage/open.js';

const DEV_USER = 'dev';
const DEV_PROJECTS = [ALL_PROJECTS];

export async function serve(config: Config, logger: Logger): Promise<void> {
  const db = await openDb(config);
  const { applied } = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.apiKeys === undefined && (await countKeys(db)) === 0) {
    // A fresh machine with nothing configured still works: one development key, shown once.
    const key = generateKey();
    await insertKey(db, { key, userId: DEV_USER, projects: DEV_PROJECTS, label: 'development key' });
    process.stdout.write(
      `\nNo API key was configured, so a development key was created (user "${DEV_USER}", all projects).\n` +
        `It is shown only this once:\n\n  FEEDBACK_KEY=${key}\n\n` +
        `Use it as the password of HTTP Basic auth with username "api".\n\n`,
    );
  }
  const app = createApp({
    db,
    keys: createKeyStore(db, config.apiKeys),
    logger,
    validateResponses: config.validateResponses,
    bodyLimitBytes: config.bodyLimitBytes,
  });
  const server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  logger.info({ port, engine: db.engine }, `feedback server listening on http://localhost:${port} (docs at /docs)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close(() => {
      db.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
    // Requests that hang past the grace period are cut off rather than holding the exit forever.
    setTimeout(() => {
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
