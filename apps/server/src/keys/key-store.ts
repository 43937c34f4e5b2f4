// Resolves an API key to its principal: keys from FEEDBACK_API_KEYS (hashed in memory, never
// stored) first, then keys created with `feedback-server keys create` (stored hashed in api_keys).
// Two bounded caches keep the database off the hot path: one of known keys (revoked and expired
// ones included, so they are refused without a query) and one of unknown keys, so a flood of
// made-up keys costs one query per distinct key per TTL and can never push a good key out.
import { DEFAULT_KEY_SCOPES, isKeyExpired, KEY_SCOPES, type KeyScope } from '@feedback/semantics';
import type { Logger } from 'pino';
import type { ApiKeySeed } from '../env.js';
import type { Db } from '../storage/db.js';
import { BoundedCache } from './bounded-cache.js';
import { EVERY_KEY, KEY_EVENTS_CHANNEL, onLocalKeyChange } from './key-events.js';
import { hashKey, keyIdOf } from './key-hash.js';

export interface Principal {
  userId: string;
  projects: readonly string[];
  scopes: readonly KeyScope[];
  /** The key's public id (the start of its hash): names it in logs and listings, never reveals it. */
  keyId: string;
}

export type KeyLookup =
  | { status: 'valid'; principal: Principal }
  | { status: 'unknown' }
  | { status: 'expired' | 'revoked'; keyId: string; userId: string };

export interface KeyStore {
  lookup(key: string): Promise<KeyLookup>;
  /** Settles once the store listens for changes made by other processes (PostgreSQL). */
  readonly ready: Promise<void>;
}

export interface KeyStoreOptions {
  /** Known keys held, least recently used forgotten first. */
  knownMax?: number;
  /** Unknown keys remembered, apart from the known ones. */
  unknownMax?: number;
  /** How long an entry is trusted without news from the database: the fallback if a notification is lost. */
  ttlMs?: number;
  /** How often at most `last_used_at` is written per key. */
  touchEveryMs?: number;
  now?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

export const KEY_CACHE_DEFAULTS = { knownMax: 10_000, unknownMax: 10_000, ttlMs: 60_000, touchEveryMs: 60_000 } as const;
// `last_used_at` writes wait this long to go out together, off every request's path.
const TOUCH_FLUSH_MS = 1_000;

interface KnownKey {
  principal: Principal;
  expiresAtMs: number | null;
  revoked: boolean;
  /** When `last_used_at` was last written (or read), epoch ms; null for keys not in the database. */
  touchedAtMs: number | null;
}

interface KeyRow {
  user_id: string;
  projects: string[];
  scopes: string[];
  key_id: string;
  expires_ms: number | null;
  revoked: boolean;
  last_used_ms: number | null;
}

const SELECT_KEY = `SELECT user_id, projects, scopes, key_id, revoked_at IS NOT NULL AS revoked,
  (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms,
  (extract(epoch FROM last_used_at) * 1000)::float8 AS last_used_ms
  FROM api_keys WHERE key_hash = $1`;

function fromSeed(seed: ApiKeySeed): KnownKey {
  const hash = hashKey(seed.key);
  return {
    principal: { userId: seed.user, projects: seed.projects, scopes: seed.scopes ?? DEFAULT_KEY_SCOPES, keyId: keyIdOf(hash) },
    expiresAtMs: seed.expiresAtMs ?? null,
    revoked: false,
    touchedAtMs: null,
  };
}

function fromRow(row: KeyRow): KnownKey {
  return {
    principal: { userId: row.user_id, projects: row.projects, scopes: KEY_SCOPES.filter((s) => row.scopes.includes(s)), keyId: row.key_id },
    expiresAtMs: row.expires_ms,
    revoked: row.revoked,
    touchedAtMs: row.last_used_ms,
  };
}

export function createKeyStore(db: Db, seeds: readonly ApiKeySeed[] = [], options: KeyStoreOptions = {}): KeyStore {
  const { knownMax, unknownMax, ttlMs, touchEveryMs } = { ...KEY_CACHE_DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  const seeded = new Map(seeds.map((s) => [hashKey(s.key), fromSeed(s)]));
  const known = new BoundedCache<KnownKey>(knownMax);
  const unknown = new BoundedCache<true>(unknownMax);
  // Concurrent requests with the same uncached key share one query.
  const inFlight = new Map<string, Promise<KnownKey | undefined>>();
  const touches = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  // Bumped by every change heard: a row read before a revocation must not be cached after it.
  let generation = 0;

  const forget = (keyId: string) => {
    generation++;
    inFlight.clear();
    // A key created elsewhere may be one this store has refused.
    unknown.clear();
    if (keyId === EVERY_KEY) known.clear();
    else known.deleteWhere((k) => k.principal.keyId === keyId);
  };
  onLocalKeyChange(db, forget);
  const ready = db.subscribe?.(KEY_EVENTS_CHANNEL, { onMessage: forget, onGap: () => forget(EVERY_KEY) }) ?? Promise.resolve();

  const flushTouches = () => {
    flushTimer = undefined;
    const hashes = [...touches];
    touches.clear();
    db.query('UPDATE api_keys SET last_used_at = now() WHERE key_hash = ANY($1::text[])', [hashes]).catch((err: unknown) => {
      options.logger?.warn({ err }, 'could not record when API keys were last used');
    });
  };
  const touch = (hash: string, entry: KnownKey, atMs: number) => {
    if (entry.touchedAtMs === null ? false : atMs - entry.touchedAtMs < touchEveryMs) return;
    entry.touchedAtMs = atMs;
    touches.add(hash);
    if (flushTimer === undefined) {
      flushTimer = setTimeout(flushTouches, TOUCH_FLUSH_MS);
      flushTimer.unref();
    }
  };

  const load = (hash: string): Promise<KnownKey | undefined> => {
    let pending = inFlight.get(hash);
    if (pending === undefined) {
      const readIn = generation;
      pending = db
        .query<KeyRow>(SELECT_KEY, [hash])
        .then((res) => {
          const row = res.rows[0];
          const entry = row === undefined ? undefined : fromRow(row);
          if (readIn === generation) {
            const until = now() + ttlMs;
            if (entry === undefined) unknown.set(hash, true, until);
            else known.set(hash, entry, until);
          }
          return entry;
        })
        .finally(() => inFlight.delete(hash));
      inFlight.set(hash, pending);
    }
    return pending;
  };

  return {
    ready,
    async lookup(key) {
      const hash = hashKey(key);
      const atMs = now();
      let entry = seeded.get(hash) ?? known.get(hash, atMs);
      if (entry === undefined) {
        if (unknown.get(hash, atMs) !== undefined) return { status: 'unknown' };
        entry = await load(hash);
        if (entry === undefined) return { status: 'unknown' };
      }
      const { principal } = entry;
      if (entry.revoked) return { status: 'revoked', keyId: principal.keyId, userId: principal.userId };
      if (isKeyExpired(entry.expiresAtMs, atMs)) return { status: 'expired', keyId: principal.keyId, userId: principal.userId };
      if (!seeded.has(hash)) touch(hash, entry, atMs);
      return { status: 'valid', principal };
    },
  };
}
