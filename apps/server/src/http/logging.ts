import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestIdFor } from './request-id.js';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Credentials never reach the log.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestIdFor,
    customLogLevel: (_req, res, err) => (err !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: unknown; url: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
    },
  });
}
