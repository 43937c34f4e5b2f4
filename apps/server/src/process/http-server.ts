// The HTTP server with explicit timeouts instead of Node's defaults, which let a client hold a
// connection open for a minute sending its headers a byte at a time (slowloris), and five
// minutes sending its body.
import { createServer, type RequestListener, type Server } from 'node:http';
import { ConfigError, parseEnv } from '../env-parsers.js';

export interface HttpTimeouts {
  /** Time to receive a request's headers; answered 408 and closed after it. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body; answered 408 and closed after it. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. Above a load balancer's idle timeout when behind one. */
  keepAliveTimeoutMs: number;
}

export const HTTP_TIMEOUT_DEFAULTS: HttpTimeouts = {
  headersTimeoutMs: 15_000,
  // A 2 MiB body (the default limit) at 50 kB/s.
  requestTimeoutMs: 60_000,
  // Node's default, made explicit.
  keepAliveTimeoutMs: 5_000,
};

export function readHttpTimeouts(env: NodeJS.ProcessEnv): HttpTimeouts {
  const t: HttpTimeouts = {
    headersTimeoutMs: parseEnv.int(env, 'FEEDBACK_HEADERS_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.headersTimeoutMs, 100, 600_000),
    requestTimeoutMs: parseEnv.int(env, 'FEEDBACK_REQUEST_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.requestTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: parseEnv.int(env, 'FEEDBACK_KEEP_ALIVE_TIMEOUT_MS', HTTP_TIMEOUT_DEFAULTS.keepAliveTimeoutMs, 100, 600_000),
  };
  // Node refuses the opposite: the headers are part of the request.
  if (t.headersTimeoutMs > t.requestTimeoutMs) {
    throw new ConfigError(`FEEDBACK_HEADERS_TIMEOUT_MS (${t.headersTimeoutMs}) must not exceed FEEDBACK_REQUEST_TIMEOUT_MS (${t.requestTimeoutMs})`);
  }
  return t;
}

export function createHttpServer(app: RequestListener, t: HttpTimeouts): Server {
  return createServer(
    {
      headersTimeout: t.headersTimeoutMs,
      requestTimeout: t.requestTimeoutMs,
      keepAliveTimeout: t.keepAliveTimeoutMs,
      // Node checks the header and request deadlines on this interval (30 s by default), so a
      // deadline is enforced up to one interval late: check often enough to keep it near.
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(Math.min(t.headersTimeoutMs, t.requestTimeoutMs) / 3))),
    },
    app,
  );
}
