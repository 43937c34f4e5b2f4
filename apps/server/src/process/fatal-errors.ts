// A rejection nobody handled or an exception nobody caught leaves the process in a state no
// code planned for: it is logged (through the same logger as everything else) and the process
// exits 1, for its supervisor (the cluster primary, or the platform) to start a fresh one.
import type { Logger } from 'pino';

export function exitOnFatalErrors(logger: Logger): void {
  const fatal = (what: string) => (err: unknown) => {
    try {
      logger.fatal({ err }, `${what}: exiting`);
    } finally {
      process.exit(1);
    }
  };
  process.on('unhandledRejection', fatal('unhandled promise rejection'));
  process.on('uncaughtException', fatal('uncaught exception'));
}
