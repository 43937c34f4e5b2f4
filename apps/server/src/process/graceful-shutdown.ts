// SIGTERM/SIGINT: stop accepting connections, let the requests in flight finish, close the
// database, exit 0. Requests still running after the grace period are cut off and the process
// exits 1 (the shutdown was not clean); if something still holds it after that (a database
// close that does not return), it is ended FORCED_EXIT_MS later regardless.
import type { Server } from 'node:http';
import type { Logger } from 'pino';

export const FORCED_EXIT_MS = 2_000;

export interface ShutdownOptions {
  server: Server;
  graceMs: number;
  logger: Logger;
  /** Closes what the server used (the database), once no request is left. */
  close(): Promise<void>;
}

export function shutDownOnSignals({ server, graceMs, logger, close }: ShutdownOptions): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, graceMs }, 'shutting down: finishing in-flight requests');
    let overran = false;
    setTimeout(() => {
      overran = true;
      logger.error({ graceMs }, 'shutdown grace period over: cutting off the requests still running');
      server.closeAllConnections();
      setTimeout(() => {
        logger.error({ forcedAfterMs: FORCED_EXIT_MS }, 'shutdown still not finished: exiting now');
        process.exit(1);
      }, FORCED_EXIT_MS);
    }, graceMs);
    server.close(() => {
      close().then(
        () => process.exit(overran ? 1 : 0),
        (err: unknown) => {
          logger.error({ err }, 'closing the database failed');
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
