// The development key: on a fresh machine with nothing configured, `serve` makes one key for
// every project so the README's first request works. Only where nobody else can reach it (the
// server listens on loopback) unless asked for, only once however many replicas start together,
// and a warning at every start while any all-project key still works. It holds every scope,
// `backfill` included, so `feedback seed` can write history against `npm start` as it is.
import { ALL_PROJECTS, KEY_SCOPES } from '@feedback/semantics';
import type { Logger } from 'pino';
import type { ApiKeySeed } from '../env.js';
import type { Db } from '../storage/db.js';
import { announceKeyChangeLocally } from './key-events.js';
import { allProjectKeyIds, countKeys, insertKeyRow } from './key-admin.js';
import { generateKey, hashKey, keyIdOf } from './key-hash.js';

export const DEV_USER = 'dev';
const DEV_LABEL = 'development key';
// Any constant shared by every replica: the second one to start waits and then finds the key.
const DEV_KEY_LOCK_ID = 7_341_202;

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Creates the development key when no key exists yet; returns it (to be shown once), or undefined. */
export async function createDevKeyIfNone(db: Db): Promise<{ key: string; keyId: string } | undefined> {
  const key = generateKey();
  const created = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEV_KEY_LOCK_ID]);
    if ((await countKeys(tx)) > 0) return undefined;
    return { key, keyId: await insertKeyRow(tx, { key, userId: DEV_USER, projects: [ALL_PROJECTS], scopes: KEY_SCOPES, label: DEV_LABEL }) };
  });
  if (created !== undefined) announceKeyChangeLocally(db, created.keyId);
  return created;
}

/** Logs a warning naming every working key that grants all projects (stored or from the environment). */
export async function warnAboutAllProjectKeys(db: Db, seeds: readonly ApiKeySeed[], logger: Logger): Promise<void> {
  const stored = await allProjectKeyIds(db);
  const fromEnv = seeds
    .filter((s) => s.projects.includes(ALL_PROJECTS) && (s.expiresAtMs === undefined || s.expiresAtMs > Date.now()))
    .map((s) => keyIdOf(hashKey(s.key)));
  const keyIds = [...stored, ...fromEnv];
  if (keyIds.length === 0) return;
  logger.warn(
    { keyIds },
    `${keyIds.length} API key(s) grant every project (${ALL_PROJECTS}); give each client a key for its own projects ` +
      'and revoke these with `feedback-server keys revoke ID`',
  );
}
