// The app factory: builds the Express app from its dependencies. main/cli read the environment
// and listen; tests call this directly.
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import { ApiError } from '@feedback/semantics';
import { requireApiKey, requireScopes } from './http/auth.js';
import { docsRouter } from './http/docs.js';
import { errorHandler } from './http/error-handler.js';
import { httpLogger } from './http/logging.js';
import { refuseUnreadableBody } from './http/readable-body.js';
import type { KeyStore } from './keys/key-store.js';
import { aggregateRoute } from './routes/aggregate.js';
import { createRoute } from './routes/create.js';
import { healthRouter } from './routes/health.js';
import { statsRoute } from './routes/stats.js';
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
  /** The clock, injectable for tests. */
  now?: () => number;
}

export interface RouteDeps {
  db: Db;
  now: () => number;
  inserts: InsertBatcher;
}

// Group insert (sql/insert-batcher.ts): at most this many create statements in flight; requests
// arriving meanwhile share the next one. Half the default pool, so reads always find a connection.
const INSERT_GROUP = { maxInFlight: 4, maxBatchRows: 500, maxBatchChars: 8 * 1024 * 1024 };

export function createApp(deps: AppDeps): Express {
  const spec = loadSpec();
  const routeDeps: RouteDeps = { db: deps.db, now: deps.now ?? Date.now, inserts: createInsertBatcher(deps.db, { ...INSERT_GROUP, ...(deps.createQueue ?? DEFAULT_CREATE_QUEUE_LIMITS) }) };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpLogger(deps.logger));
  app.use(docsRouter(spec));
  app.use(healthRouter(deps.db));
  app.use(refuseUnreadableBody);
  app.use(express.json({ limit: deps.bodyLimitBytes ?? 2 * 1024 * 1024, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use('/feedback', requireApiKey(deps.keys));
  app.use(requireScopes());
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'],
      validateRequests: { allErrors: true },
      validateResponses: deps.validateResponses ?? false,
      validateSecurity: false,
      ignorePaths: /^\/(docs|openapi\.json|healthz|readyz)(\/|$)/,
    }),
  );
  app.post('/feedback/create', createRoute(routeDeps));
  app.post('/feedback/stats', statsRoute(routeDeps));
  app.post('/feedback/aggregate', aggregateRoute(routeDeps));
  // Whatever no route answered (including methods the probes and docs don't serve) is a JSON 404.
  app.use((_req, _res, next) => {
    next(new ApiError('not_found', 'No such endpoint'));
  });
  app.use(errorHandler);
  return app;
}
