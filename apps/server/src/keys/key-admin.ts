// The stored keys as an operator manages them: create, list, revoke, rotate. Every change is
// announced (key-events.ts) so running servers stop honouring a revoked key at once.
import { ALL_PROJECTS, DEFAULT_KEY_SCOPES, type KeyScope } from '@feedback/semantics';
import type { Db, Queryable } from '../storage/db.js';
import { announceKeyChangeLocally, notifyKeyChange } from './key-events.js';
import { generateKey, hashKey, keyIdOf } from './key-hash.js';

export interface NewKey {
  key: string;
  userId: string;
  projects: readonly string[];
  scopes?: readonly KeyScope[];
  /** Epoch ms; none for a key that never expires. */
  expiresAtMs?: number;
  label?: string;
}

export interface KeyListing {
  keyId: string;
  userId: string;
  projects: string[];
  scopes: string[];
  label: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
}

export async function insertKeyRow(tx: Queryable, args: NewKey): Promise<string> {
  const hash = hashKey(args.key);
  await tx.query(
    `INSERT INTO api_keys (key_hash, user_id, projects, label, scopes, expires_at)
     VALUES ($1, $2, $3::text[], $4, $5::text[], to_timestamp($6::float8 / 1000))`,
    [hash, args.userId, args.projects, args.label ?? '', args.scopes ?? DEFAULT_KEY_SCOPES, args.expiresAtMs ?? null],
  );
  const keyId = keyIdOf(hash);
  await notifyKeyChange(tx, keyId);
  return keyId;
}

/** Stores a key (hashed); returns its public id. */
export async function insertKey(db: Db, args: NewKey): Promise<string> {
  const keyId = await db.transaction((tx) => insertKeyRow(tx, args));
  announceKeyChangeLocally(db, keyId);
  return keyId;
}

export async function countKeys(db: Queryable): Promise<number> {
  const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
  return res.rows[0]?.n ?? 0;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function listKeys(db: Queryable): Promise<KeyListing[]> {
  const res = await db.query<KeyListing>(
    `SELECT key_id AS "keyId", user_id AS "userId", projects, scopes, label,
            ${iso('created_at')} AS "createdAt", ${iso('expires_at')} AS "expiresAt",
            ${iso('last_used_at')} AS "lastUsedAt", ${iso('revoked_at')} AS "revokedAt", replaced_by AS "replacedBy"
       FROM api_keys ORDER BY created_at, key_id`,
  );
  return res.rows;
}

/** Revokes the key with this id at once; false when there is no such key or it was revoked already. */
export async function revokeKey(db: Db, keyId: string): Promise<boolean> {
  const revoked = await db.transaction(async (tx) => {
    const res = await tx.query<{ key_id: string }>(
      'UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL RETURNING key_id',
      [keyId],
    );
    if (res.rows.length === 0) return false;
    await notifyKeyChange(tx, keyId);
    return true;
  });
  if (revoked) announceKeyChangeLocally(db, keyId);
  return revoked;
}

export type RotateResult = { status: 'rotated'; key: string; keyId: string } | { status: 'not_found' | 'revoked' };

/**
 * A new key with the old one's user, projects, scopes, label and expiry. The old key is revoked
 * in the same transaction, or, with a grace period, expires that much later (never later than
 * it would have anyway), so clients can move over without a gap.
 */
export async function rotateKey(db: Db, keyId: string, graceMs = 0): Promise<RotateResult> {
  const key = generateKey();
  const out = await db.transaction(async (tx): Promise<RotateResult> => {
    const res = await tx.query<{ user_id: string; projects: string[]; scopes: KeyScope[]; label: string; expires_ms: number | null; revoked: boolean }>(
      `SELECT user_id, projects, scopes, label, revoked_at IS NOT NULL AS revoked,
              (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms
         FROM api_keys WHERE key_id = $1 FOR UPDATE`,
      [keyId],
    );
    const old = res.rows[0];
    if (old === undefined) return { status: 'not_found' };
    if (old.revoked) return { status: 'revoked' };
    const newId = await insertKeyRow(tx, {
      key,
      userId: old.user_id,
      projects: old.projects,
      scopes: old.scopes,
      label: old.label,
      ...(old.expires_ms === null ? {} : { expiresAtMs: old.expires_ms }),
    });
    await tx.query(
      graceMs > 0
        ? `UPDATE api_keys SET replaced_by = $2,
             expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => $3::float8 / 1000))
           WHERE key_id = $1`
        : 'UPDATE api_keys SET replaced_by = $2, revoked_at = now() WHERE key_id = $1',
      graceMs > 0 ? [keyId, newId, graceMs] : [keyId, newId],
    );
    await notifyKeyChange(tx, keyId);
    return { status: 'rotated', key, keyId: newId };
  });
  if (out.status === 'rotated') {
    announceKeyChangeLocally(db, keyId);
    announceKeyChangeLocally(db, out.keyId);
  }
  return out;
}

/** Keys that still work and grant every project: the start-up warning names them. */
export async function allProjectKeyIds(db: Queryable): Promise<string[]> {
  const res = await db.query<{ key_id: string }>(
    `SELECT key_id FROM api_keys
      WHERE $1 = ANY(projects) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
      ORDER BY created_at`,
    [ALL_PROJECTS],
  );
  return res.rows.map((r) => r.key_id);
}
