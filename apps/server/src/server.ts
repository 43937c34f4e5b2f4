// Opens the database, migrates, and serves until SIGTERM/SIGINT, then drains and closes. With
// FEEDBACK_WORKERS > 1 this process prepares the database once and forks that many HTTP workers
// (node:cluster) sharing the port: one Node process tops out at one core, and the HTTP, JSON and
// validation work of /feedback/create is what limits its throughput.
import cluster from 'node:cluster';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './env.js';
import { ConfigError } from './env-parsers.js';
import { countKeys } from './keys/key-admin.js';
import { createDevKeyIfNone, DEV_USER, isLoopbackHost, warnAboutAllProjectKeys } from './keys/dev-key.js';
import { createKeyStore } from './keys/key-store.js';
import type { Db } from './storage/db.js';
import { exitOnFatalErrors } from './process/fatal-errors.js';
import { shutDownOnSignals } from './process/graceful-shutdown.js';
import { createHttpServer } from './process/http-server.js';
import { superviseWorkers } from './process/worker-supervisor.js';
import { startRollupJobs } from './rollups/rollup-jobs.js';
import { migrate, migrateOptions } from './storage/migrate.js';
import { logPoolErrors, openDb } from './storage/open.js';

export async function serve(config: Config, logger: Logger): Promise<void> {
  exitOnFatalErrors(logger);
  if (config.workers > 1 && config.databaseUrl === undefined) {
    throw new ConfigError('FEEDBACK_WORKERS above 1 needs DATABASE_URL: embedded PGlite lives inside one process');
  }
  if (config.workers > 1 && cluster.isPrimary) {
    const db = await openDb(config, logPoolErrors(logger));
    try {
      await prepareDatabase(db, config, logger);
    } finally {
      await db.close();
    }
    superviseWorkers({ count: config.workers, graceMs: config.shutdownGraceMs, logger });
    return;
  }
  const db = await openDb(config, logPoolErrors(logger));
  // A worker's primary has prepared the database already.
  try {
    if (cluster.isPrimary) await prepareDatabase(db, config, logger);
    await serveHttp(db, config, logger);
  } catch (err) {
    // What was opened (the pool, the key store's listener) would keep a process that cannot serve
    // alive: a worker that cannot listen must exit, for its primary to see it and replace it.
    logger.fatal({ err }, 'could not start serving');
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}

/**
 * Migrations, and on a fresh machine with nothing configured, one development key, shown once:
 * only when listening on loopback (or FEEDBACK_DEV_KEY=true), only by one of several replicas.
 */
async function prepareDatabase(db: Db, config: Config, logger: Logger): Promise<void> {
  const { applied } = await migrate(db, migrateOptions(config, logger));
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.apiKeys === undefined) {
    const dev = isLoopbackHost(config.host) || config.devKey ? await createDevKeyIfNone(db) : undefined;
    if (dev !== undefined) {
      process.stdout.write(
        `\nNo API key was configured, so a development key was created (user "${DEV_USER}", all projects, id ${dev.keyId}).\n` +
          `It is shown only this once:\n\n  FEEDBACK_KEY=${dev.key}\n\n` +
          `Use it as the password of HTTP Basic auth with username "api".\n\n`,
      );
    } else if ((await countKeys(db)) === 0) {
      logger.warn(
        { host: config.host },
        'no API key exists, so every request will be refused: create one with `feedback-server keys create` ' +
          '(a development key is made only on loopback or with FEEDBACK_DEV_KEY=true)',
      );
    }
  }
  await warnAboutAllProjectKeys(db, config.apiKeys ?? [], logger);
}

async function serveHttp(db: Db, config: Config, logger: Logger): Promise<void> {
  const keys = createKeyStore(db, config.apiKeys, { logger });
  // Listening for revocations before the first request: a key revoked from now on is refused at once.
  await keys.ready;
  const app = createApp({
    db,
    keys,
    logger,
    validateResponses: config.validateResponses,
    bodyLimitBytes: config.bodyLimitBytes,
    batchBodyLimitBytes: config.batchBodyLimitBytes,
    createQueue: config.createQueue,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    dashboardDir: config.dashboardDir,
    rollups: config.rollups,
  });
  const server = createHttpServer(app, config.httpTimeouts).listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const worker = cluster.isWorker ? ` (worker ${cluster.worker?.id ?? '?'})` : '';
  logger.info({ port, engine: db.engine }, `feedback server listening on http://localhost:${port} (docs at /docs)${worker}`);
  // Roll-up backfill and compaction (src/rollups/README.md); off with the roll-ups.
  const rollupJobs = config.rollups ? startRollupJobs(db, logger) : undefined;
  const close = async () => {
    await rollupJobs?.stop();
    await db.close();
  };
  shutDownOnSignals({ server, graceMs: config.shutdownGraceMs, logger, close });
}
