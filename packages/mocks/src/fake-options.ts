// What createFeedbackFake accepts, its defaults, and the checks that turn a bad option into an
// immediate Error instead of odd answers later.
import type { FeedbackCreateReq } from '@feedback/api-types';
import { ALL_PROJECTS, isKeyScope, type KeyScope } from '@feedback/semantics';

/** One API key, shaped like an entry of the server's FEEDBACK_API_KEYS. */
export interface FeedbackFakeApiKey {
  /** The password of HTTP Basic auth (username `api`). */
  key: string;
  /** The `wb_user_id` the key's writes get. */
  user: string;
  /** Granted project patterns: `entity/project`, `entity/*`, or `*\/*` for every project. */
  projects: readonly string[];
  /** What the key may do: `ingest` (create), `read` (stats, aggregate). Default both. */
  scopes?: readonly KeyScope[];
  /** When the key stops working, RFC 3339 with an offset (by the fake's clock). Default never. */
  expiresAt?: string;
}

/**
 * A row to start with, shaped like a line of `feedback-server import`: a /feedback/create body
 * plus the instant it was created and the user who wrote it.
 */
export type FeedbackSeedRow = Omit<FeedbackCreateReq, 'wb_user_id'> & {
  /** RFC 3339 with an offset, e.g. `2024-03-10T14:03:27.512Z`. */
  created_at: string;
  wb_user_id: string;
};

export interface FeedbackFakeOptions {
  /** Root URL the handlers answer under. Default `http://localhost:8080`; a path prefix is kept. */
  baseUrl?: string;
  /** Keys the fake accepts. Default: DEFAULT_API_KEY only. */
  apiKeys?: readonly FeedbackFakeApiKey[];
  /** Rows present from the start (and again after `reset()`). */
  rows?: readonly FeedbackSeedRow[];
  /** The clock in epoch ms: a fixed number or a function read on each call. Default `Date.now`. */
  now?: number | (() => number);
}

export const DEFAULT_BASE_URL = 'http://localhost:8080';

/** The key a fake accepts when `apiKeys` is not given: every project, user `test-user`. */
export const DEFAULT_API_KEY: Readonly<FeedbackFakeApiKey> = Object.freeze({
  key: 'test-key',
  user: 'test-user',
  projects: Object.freeze([ALL_PROJECTS]),
});

export interface ResolvedFakeOptions {
  baseUrl: string;
  apiKeys: readonly FeedbackFakeApiKey[];
  seedRows: readonly FeedbackSeedRow[];
  now: () => number;
}

function checkApiKey(entry: FeedbackFakeApiKey, i: number): FeedbackFakeApiKey {
  const ok =
    typeof entry === 'object' && entry !== null &&
    typeof entry.key === 'string' && entry.key.length > 0 &&
    typeof entry.user === 'string' && entry.user.length > 0 &&
    Array.isArray(entry.projects) && entry.projects.every((p) => typeof p === 'string');
  if (!ok) {
    throw new Error(`createFeedbackFake: apiKeys[${i}] needs key (non-empty), user (non-empty) and projects (a list of patterns)`);
  }
  const checked: FeedbackFakeApiKey = { key: entry.key, user: entry.user, projects: [...entry.projects] };
  if (entry.scopes !== undefined) {
    if (!Array.isArray(entry.scopes) || entry.scopes.length === 0 || !entry.scopes.every((s) => typeof s === 'string' && isKeyScope(s))) {
      throw new Error(`createFeedbackFake: apiKeys[${i}].scopes must be a non-empty list of "ingest", "read" and "backfill"`);
    }
    checked.scopes = [...entry.scopes];
  }
  if (entry.expiresAt !== undefined) {
    if (typeof entry.expiresAt !== 'string' || !/(?:Z|[+-]\d{2}:\d{2})$/i.test(entry.expiresAt) || !Number.isFinite(Date.parse(entry.expiresAt))) {
      throw new Error(`createFeedbackFake: apiKeys[${i}].expiresAt must be an RFC 3339 instant with an offset`);
    }
    checked.expiresAt = entry.expiresAt;
  }
  return checked;
}

function clockOf(now: FeedbackFakeOptions['now']): () => number {
  if (now === undefined) return () => Date.now();
  if (typeof now === 'function') return () => Math.floor(now());
  if (!Number.isFinite(now)) throw new Error(`createFeedbackFake: now must be epoch milliseconds, got ${String(now)}`);
  const fixed = Math.floor(now);
  return () => fixed;
}

export function resolveFakeOptions(options: FeedbackFakeOptions = {}): ResolvedFakeOptions {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  if (typeof baseUrl !== 'string' || !/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new Error(`createFeedbackFake: baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  return {
    // `${baseUrl}/feedback/create` must not get a double slash.
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKeys: (options.apiKeys ?? [DEFAULT_API_KEY]).map(checkApiKey),
    seedRows: [...(options.rows ?? [])],
    now: clockOf(options.now),
  };
}
