import { createHash, randomBytes } from 'node:crypto';

// Keys are 32 random bytes: a fast hash is enough (nothing to brute-force), and it keeps the
// per-request lookup cheap.
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateKey(): string {
  return `fk_${randomBytes(32).toString('base64url')}`;
}

/** A key's public id: the first 12 hex digits of its hash, as the api_keys.key_id column computes it. */
export function keyIdOf(hash: string): string {
  return hash.slice(0, 12);
}
