// The app factory: builds the Express app from its dependencies. main/cli read the environment
// and listen; tests call this directly.
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import { ApiError, BATCH_BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from '@feedback/semantics';
import { requireApiKey, requireScopes } from './http/auth.js';
import { docsRouter } from './http/docs.js';
import { dashboardRouter } from './http/dashboard.js';
import { errorHandler } from './http/error-handler.js';
import { httpLogger } from './http/logging.js';
import { limitPerAddress, limitPerKey, RATE_LIMIT_DEFAULTS, type RateLimitSettings } from './http/rate-limit.js';
import { refuseUnreadableBody } from './http/readable-body.js';
import type { TrustProxy } from './http/trust-proxy.js';
import { closeOnUnreadBody } from './http/unread-body.js';
import { refuseDeepJson } from './http/deep-json.js';
import type { KeyStore } from './keys/key-store.js';
import { aggregateRoute } from './routes/aggregate.js';
import { createRoute } from './routes/create.js';
import { createBatchRoute } from './routes/create-batch.js';
import { healthRouter } from './routes/health.js';
import { purgeRoute } from './routes/purge.js';
import { queryRoute } from './routes/query.js';
import { replaceRoute } from './routes/replace.js';
import { payloadSchemaRoute } from './routes/payload-schema.js';
import { statsRoute } from './routes/stats.js';
import { limiterFor } from './rate-limit/limiter-for.js';
import type { WindowLimiter } from './rate-limit/window-limiter.js';
import { loadSpec } from './spec.js';
import { createInsertBatcher, DEFAULT_CREATE_QUEUE_LIMITS, type CreateQueueLimits, type InsertBatcher } from './sql/insert-batcher.js';
import type { Db } from './storage/db.js';

export interface AppDeps {
  db: Db;
  /** Creates waiting to be written at most (rows, serialised bytes); over it a create gets a 503. */
  createQueue?: CreateQueueLimits;
  keys: KeyStore;
  logger: Logger;
  /** Validate every response against openapi.json (on in tests; costs throughput). */
  validateResponses?: boolean;
  bodyLimitBytes?: number;
  /** Body limit of /feedback/batch/create (BATCH_BODY_LIMIT_BYTES, 8 MiB, when absent). */
  batchBodyLimitBytes?: number;
  /** The clock, injectable for tests. */
  now?: () => number;
  /** Requests per minute per key and per client address (RATE_LIMIT_DEFAULTS when absent). */
  rateLimits?: RateLimitSettings;
  /** Counts the rate limits; by default one per app, shared through `db` on PostgreSQL. */
  rateLimiter?: WindowLimiter;
  /** Proxies allowed to name the client in X-Forwarded-For (the per-address limit); none by default. */
  trustProxy?: TrustProxy;
  /** The built dashboard (apps/dashboard/dist), served at `/`; not served when absent. */
  dashboardDir?: string;
  /** Write roll-up deltas with every insert (FEEDBACK_ROLLUPS; default true). */
  rollups?: boolean;
}

export interface RouteDeps {
  db: Db;
  now: () => number;
  inserts: InsertBatcher;
  /** Write roll-up deltas with inserts (src/rollups/README.md). */
  rollups: boolean;
}

// Group insert (sql/insert-batcher.ts): at most this many create statements in flight; requests
// arriving meanwhile share the next one. Half the default pool, so reads always find a connection.
const INSERT_GROUP = { maxInFlight: 4, maxBatchRows: 500, maxBatchChars: 8 * 1024 * 1024 };

export function createApp(deps: AppDeps): Express {
  const spec = loadSpec();
  const rollups = deps.rollups ?? true;
  const routeDeps: RouteDeps = { db: deps.db, now: deps.now ?? Date.now, rollups, inserts: createInsertBatcher(deps.db, { ...INSERT_GROUP, ...(deps.createQueue ?? DEFAULT_CREATE_QUEUE_LIMITS), rollups }) };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpLogger(deps.logger));
  app.use(docsRouter(spec));
  app.use(healthRouter(deps.db));
  if (deps.dashboardDir !== undefined) app.use(dashboardRouter(deps.dashboardDir));
  // Authenticate first, then parse: an anonymous request costs a header check and a key lookup,
  // and its body is never parsed nor inflated (closeOnUnreadBody). Limits by address come before
  // the key is looked up; by key, before the body is read.
  const bodyLimitBytes = deps.bodyLimitBytes ?? 2 * 1024 * 1024;
  const limits = deps.rateLimits ?? RATE_LIMIT_DEFAULTS;
  const limiter = deps.rateLimiter ?? limiterFor(deps.db, deps.logger);
  const trustProxy = deps.trustProxy ?? false;
  if (trustProxy !== false) app.set('trust proxy', trustProxy);
  const clientAddress = trustProxy === false ? (req: express.Request) => req.socket.remoteAddress : (req: express.Request) => req.ip;
  app.use('/feedback', limitPerAddress(limiter, limits.perAddress, clientAddress));
  app.use('/feedback', requireApiKey(deps.keys));
  app.use('/feedback', limitPerKey(limiter, limits.perKey));
  app.use(requireScopes());
  app.use('/feedback', refuseUnreadableBody);
  app.use('/feedback', closeOnUnreadBody(bodyLimitBytes));
  // Batch create reads up to its own, larger limit; the parser after it then finds the body read.
  // (A refused batch over bodyLimitBytes still closes its connection, as any unread large body.)
  app.use('/feedback/batch/create', express.json({ limit: deps.batchBodyLimitBytes ?? BATCH_BODY_LIMIT_BYTES, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use('/feedback', express.json({ limit: bodyLimitBytes, strict: false, type: ['application/json', 'application/*+json'] }));
  // The query expression's schema is recursive: its depth is bounded here, before the validator.
  app.use('/feedback/query', refuseDeepJson(MAX_JSON_DEPTH));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'],
      // Stop at the first schema failure: collecting every one lets a body of a million bad
      // items cost hundreds of MB and a 422 of tens of MB (the fake's schema-validator.ts agrees).
      validateRequests: { allErrors: false },
      validateResponses: deps.validateResponses ?? false,
      validateSecurity: false,
      ignorePaths: /^\/(docs|openapi\.json|healthz|readyz)(\/|$)/,
    }),
  );
  app.post('/feedback/create', createRoute(routeDeps));
  app.post('/feedback/batch/create', createBatchRoute(routeDeps, deps.createQueue ?? DEFAULT_CREATE_QUEUE_LIMITS));
  app.post('/feedback/stats', statsRoute(routeDeps));
  app.post('/feedback/aggregate', aggregateRoute(routeDeps));
  app.post('/feedback/replace', replaceRoute(routeDeps));
  app.post('/feedback/purge', purgeRoute(routeDeps));
  app.post('/feedback/query', queryRoute(routeDeps));
  app.post('/feedback/payload_schema', payloadSchemaRoute(routeDeps));
  // Whatever no route answered (including methods the probes and docs don't serve) is a JSON 404.
  app.use((_req, _res, next) => {
    next(new ApiError('not_found', 'No such endpoint'));
  });
  app.use(errorHandler);
  return app;
}
