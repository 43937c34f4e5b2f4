// Reads one row and locks it until the transaction ends (replace: a concurrent replace or purge of
// the same row waits, then finds it gone). No row, no lock: an insert of that id by another
// request meanwhile makes this transaction's insert find a conflict.
import type { Queryable } from '../storage/db.js';
import type { StoredFeedback } from './feedback-row.js';
import { SELECT_LIST } from './feedback-store.js';

const LOCK_SQL = `SELECT ${SELECT_LIST} FROM feedback WHERE project_id = $1::text AND id = $2::text FOR UPDATE`;

export async function lockFeedback(tx: Queryable, projectId: string, id: string): Promise<StoredFeedback | undefined> {
  const res = await tx.query<StoredFeedback>(LOCK_SQL, [projectId, id]);
  return res.rows[0];
}
