// The only module that reads process.env: everything else receives a parsed Config.
import { fileURLToPath } from 'node:url';
import { BATCH_BODY_LIMIT_BYTES, type KeyScope } from '@feedback/semantics';
import { parseEnv } from './env-parsers.js';
import { DEFAULT_CREATE_QUEUE_LIMITS, type CreateQueueLimits } from './sql/insert-batcher.js';
import { RATE_LIMIT_DEFAULTS, type RateLimitSettings } from './http/rate-limit.js';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.js';
import { readHttpTimeouts, type HttpTimeouts } from './process/http-server.js';

export interface ApiKeySeed {
  key: string;
  user: string;
  projects: string[];
  /** What the key may do; every scope when absent. */
  scopes?: KeyScope[];
  /** When the key stops working, epoch ms; never when absent. */
  expiresAtMs?: number;
}

export interface Config {
  port: number;
  host: string;
  /** Create the development key even when not listening on loopback (FEEDBACK_DEV_KEY). */
  devKey: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  apiKeys: ApiKeySeed[] | undefined;
  logLevel: string;
  statementTimeoutMs: number;
  poolMax: number;
  bodyLimitBytes: number;
  /** Body limit of /feedback/batch/create. */
  batchBodyLimitBytes: number;
  validateResponses: boolean;
  /** HTTP worker processes (node:cluster); 1 = serve from this process. PostgreSQL only. */
  workers: number;
  /** Creates waiting to be written, per process: over either bound a create is answered 503. */
  createQueue: CreateQueueLimits;
  /** Requests per minute per API key and per client address; 0 = no limit. */
  rateLimits: RateLimitSettings;
  trustProxy: TrustProxy;
  httpTimeouts: HttpTimeouts;
  /** Requests still running this long after SIGTERM/SIGINT are cut off, and the process exits with 1. */
  shutdownGraceMs: number;
  /** How long one migration statement may wait for a table lock before it gives up and retries. */
  migrationLockTimeoutMs: number;
  /** The built dashboard served at `/` (FEEDBACK_DASHBOARD_DIR; default the dashboard workspace's dist). */
  dashboardDir: string;
  /** FEEDBACK_ROLLUPS=on|off: keep roll-ups at ingest (default on); off = no deltas written, reads raw. */
  rollups: boolean;
}

// From src/ and from dist/ alike: apps/server/<src|dist>/ → apps/dashboard/dist/.
const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parseEnv.int(env, 'PORT', 8080, 0, 65535),
    // Loopback unless told otherwise, as PostgreSQL does: exposing the server is a decision.
    host: env['HOST'] ?? '127.0.0.1',
    devKey: parseEnv.bool(env, 'FEEDBACK_DEV_KEY', false),
    databaseUrl: parseEnv.optionalString(env, 'DATABASE_URL'),
    dataDir: env['FEEDBACK_DATA_DIR'] ?? './.data',
    apiKeys: parseEnv.apiKeys(env, 'FEEDBACK_API_KEYS'),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    statementTimeoutMs: parseEnv.int(env, 'FEEDBACK_STATEMENT_TIMEOUT_MS', 15_000, 1, 3_600_000),
    poolMax: parseEnv.int(env, 'FEEDBACK_POOL_MAX', 10, 1, 1000),
    bodyLimitBytes: parseEnv.int(env, 'FEEDBACK_BODY_LIMIT_BYTES', 2 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    batchBodyLimitBytes: parseEnv.int(env, 'FEEDBACK_BATCH_BODY_LIMIT_BYTES', BATCH_BODY_LIMIT_BYTES, 1024, 64 * 1024 * 1024),
    validateResponses: parseEnv.bool(env, 'FEEDBACK_VALIDATE_RESPONSES', false),
    workers: parseEnv.workers(env, 'FEEDBACK_WORKERS'),
    createQueue: {
      maxQueuedRows: parseEnv.int(env, 'FEEDBACK_CREATE_QUEUE_ROWS', DEFAULT_CREATE_QUEUE_LIMITS.maxQueuedRows, 1, 10_000_000),
      maxQueuedChars: parseEnv.int(env, 'FEEDBACK_CREATE_QUEUE_BYTES', DEFAULT_CREATE_QUEUE_LIMITS.maxQueuedChars, 65_536, 4 * 1024 ** 3),
    },
    rateLimits: {
      perKey: parseEnv.int(env, 'FEEDBACK_RATE_LIMIT_PER_KEY', RATE_LIMIT_DEFAULTS.perKey, 0, 1_000_000_000),
      perAddress: parseEnv.int(env, 'FEEDBACK_RATE_LIMIT_PER_ADDRESS', RATE_LIMIT_DEFAULTS.perAddress, 0, 1_000_000_000),
    },
    trustProxy: parseTrustProxy(env, 'FEEDBACK_TRUST_PROXY'),
    httpTimeouts: readHttpTimeouts(env),
    shutdownGraceMs: parseEnv.int(env, 'FEEDBACK_SHUTDOWN_GRACE_MS', 10_000, 100, 600_000),
    migrationLockTimeoutMs: parseEnv.int(env, 'FEEDBACK_MIGRATION_LOCK_TIMEOUT_MS', 5_000, 100, 600_000),
    dashboardDir: env['FEEDBACK_DASHBOARD_DIR'] || DEFAULT_DASHBOARD_DIR,
    rollups: parseEnv.onOff(env, 'FEEDBACK_ROLLUPS', true),
  };
}
