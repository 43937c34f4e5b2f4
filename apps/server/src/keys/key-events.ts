// How a change to a stored key reaches every running key store at once: through PostgreSQL's
// NOTIFY on one channel (other processes and replicas), and through a registry of the stores in
// this process (the embedded engine, where no other process shares the database).
import type { Db, Queryable } from '../storage/db.js';

export const KEY_EVENTS_CHANNEL = 'feedback_api_keys';
/** The payload that means "forget every key": after a gap in notifications, or a bulk change. */
export const EVERY_KEY = '*';

type KeyChangeListener = (keyId: string) => void;
const local = new WeakMap<Db, Set<KeyChangeListener>>();

/** Calls `listener` with the key id of every change announced in this process for `db`. */
export function onLocalKeyChange(db: Db, listener: KeyChangeListener): () => void {
  let set = local.get(db);
  if (set === undefined) local.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** Inside the transaction that changes a key: every other process hears of it when it commits. */
export async function notifyKeyChange(tx: Queryable, keyId: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [KEY_EVENTS_CHANNEL, keyId]);
}

/** After that transaction committed: the stores of this process forget the key now. */
export function announceKeyChangeLocally(db: Db, keyId: string): void {
  for (const listener of local.get(db) ?? []) listener(keyId);
}
