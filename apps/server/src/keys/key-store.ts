// Resolves an API key to its principal: keys from FEEDBACK_API_KEYS (kept in memory only) first,
// then keys created with `feedback-server keys create` (stored hashed in api_keys).
import type { ApiKeySeed } from '../env.js';
import type { Db } from '../storage/db.js';
import { hashKey } from './key-hash.js';

export interface Principal {
  userId: string;
  projects: readonly string[];
}

export interface KeyStore {
  lookup(key: string): Promise<Principal | undefined>;
}

const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 10_000;

export function createKeyStore(db: Db, seeds: readonly ApiKeySeed[] = []): KeyStore {
  const seeded = new Map(seeds.map((s) => [hashKey(s.key), { userId: s.user, projects: s.projects }]));
  // A short cache keeps a database round trip off every request; a revoked key lives on for at most the TTL.
  const cache = new Map<string, { principal: Principal | undefined; until: number }>();
  return {
    async lookup(key) {
      const hash = hashKey(key);
      const fromSeed = seeded.get(hash);
      if (fromSeed !== undefined) return fromSeed;
      const hit = cache.get(hash);
      if (hit !== undefined && hit.until > Date.now()) return hit.principal;
      const res = await db.query<{ user_id: string; projects: string[] }>(
        'SELECT user_id, projects FROM api_keys WHERE key_hash = $1',
        [hash],
      );
      const row = res.rows[0];
      const principal = row === undefined ? undefined : { userId: row.user_id, projects: row.projects };
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(hash, { principal, until: Date.now() + CACHE_TTL_MS });
      return principal;
    },
  };
}

export async function insertKey(db: Db, args: { key: string; userId: string; projects: readonly string[]; label?: string }): Promise<void> {
  await db.query('INSERT INTO api_keys (key_hash, user_id, projects, label) VALUES ($1, $2, $3::text[], $4)', [
    hashKey(args.key),
    args.userId,
    args.projects,
    args.label ?? '',
  ]);
}

export async function countKeys(db: Db): Promise<number> {
  const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
  return res.rows[0]?.n ?? 0;
}
