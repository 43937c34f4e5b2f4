import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';
import { requestIdFor } from './request-id.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's id, also sent back as X-Request-Id. */
    id: string;
    /** The server's logger, bound to this request's id. */
    log: Logger;
  }
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Credentials never reach the log.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

/**
 * One log line per request, at info (2xx/3xx), warn (4xx) or error (5xx). The line and the
 * request's child logger are built only when something is written: at LOG_LEVEL=warn a successful
 * request costs one listener, which matters at thousands of creates per second.
 */
export function httpLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = requestIdFor(req, res);
    const start = performance.now();
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ reqId: id })),
    });
    res.once('close', () => {
      const aborted = !res.writableFinished;
      // A client that hangs up (an aborted upload, a caller's own timeout) is a 4xx-like event, not a server fault.
      const level = res.statusCode >= 500 ? 'error' : aborted || res.statusCode >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: req.originalUrl },
          res: { statusCode: res.statusCode },
          // Whose key it was: its user and public id (never the key), also when expired or revoked.
          ...(req.keyOwner === undefined ? {} : { user: req.keyOwner.userId, keyId: req.keyOwner.keyId }),
          responseTime: Math.round(performance.now() - start),
        },
        aborted ? 'request aborted' : 'request completed',
      );
    });
    next();
  };
}
