// What an API key may do besides seeing its projects, and when it stops working. `ingest` writes
// feedback, `read` reads statistics: a key in a browser widget gets `ingest` alone, so whoever
// copies it from the page can add feedback but not read the project's analytics. `backfill` lets a
// batch create date its rows in the past (docs/semantics.md, "Backdated rows"); it is never implied:
// a key stored or configured without a list of scopes has DEFAULT_KEY_SCOPES, not it. Shared by the
// server and the fake so a missing scope is the same 403 on both.
import { ApiError } from '../errors.js';

export type KeyScope = 'ingest' | 'read' | 'backfill';

/** Every scope, in the order they are listed and stored. */
export const KEY_SCOPES: readonly KeyScope[] = Object.freeze(['ingest', 'read', 'backfill']);

/**
 * The scopes of a key given without a list: what every key could do before `backfill` existed, so
 * no existing key gains the power to write history. `backfill` is granted only by naming it.
 */
export const DEFAULT_KEY_SCOPES: readonly KeyScope[] = Object.freeze(['ingest', 'read']);

export type FeedbackOperationName = 'create' | 'batch/create' | 'stats' | 'aggregate' | 'payload_schema' | 'replace' | 'purge' | 'query';

/** The scope each operation needs: writes need `ingest`, reads need `read`. */
export const SCOPE_REQUIRED: Readonly<Record<FeedbackOperationName, KeyScope>> = Object.freeze({
  create: 'ingest',
  'batch/create': 'ingest',
  stats: 'read',
  aggregate: 'read',
  payload_schema: 'read',
  replace: 'ingest',
  purge: 'ingest',
  query: 'read',
});

/**
 * Operations that need a second scope. Purge deletes whatever a filter matches, a whole project
 * at once, so it needs a key trusted with the project (`read` as well as `ingest`): a widget's
 * public ingest key may add feedback but never delete it.
 */
export const FURTHER_SCOPES_REQUIRED: Readonly<Partial<Record<FeedbackOperationName, readonly KeyScope[]>>> = Object.freeze({
  purge: Object.freeze(['read'] as const),
});

export function isKeyScope(value: string): value is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(value);
}

/**
 * A list of scopes as written by an operator (CLI flag, environment), deduplicated in the
 * canonical order; undefined when it is empty or names a scope that does not exist.
 */
export function parseKeyScopes(values: readonly string[]): KeyScope[] | undefined {
  if (values.length === 0 || !values.every(isKeyScope)) return undefined;
  return KEY_SCOPES.filter((s) => values.includes(s));
}

/** 403 unless `granted` holds the scope `operation` needs. */
export function assertScopeGranted(granted: readonly KeyScope[], operation: FeedbackOperationName): void {
  for (const needed of [SCOPE_REQUIRED[operation], ...(FURTHER_SCOPES_REQUIRED[operation] ?? [])]) {
    if (!granted.includes(needed)) {
      throw new ApiError('forbidden', `This key lacks the "${needed}" scope that /feedback/${operation} needs`);
    }
  }
}

/** 403 unless `granted` holds `backfill`: only such a key may send a batch item's `created_at`. */
export function assertBackfillGranted(granted: readonly KeyScope[]): void {
  if (!granted.includes('backfill')) {
    throw new ApiError('forbidden', 'This key lacks the "backfill" scope that a created_at in /feedback/batch/create needs');
  }
}

/** Whether a key with this expiry (epoch ms, or null for never) is past it at `nowMs`. */
export function isKeyExpired(expiresAtMs: number | null, nowMs: number): boolean {
  return expiresAtMs !== null && expiresAtMs <= nowMs;
}

// The holder of an expired or revoked key learns which it is (they hold the key already, so it
// tells them nothing new) and knows to ask for a new one instead of checking their spelling.
export function expiredKeyError(): ApiError {
  return new ApiError('unauthorized', 'Missing or invalid credentials: this API key has expired');
}

export function revokedKeyError(): ApiError {
  return new ApiError('unauthorized', 'Missing or invalid credentials: this API key was revoked');
}
