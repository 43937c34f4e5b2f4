// The stored rows with the given identities, for the importer to tell a duplicate line (same
// content) from a conflicting one.
import type { Queryable } from '../storage/db.js';
import { FEEDBACK_COLUMNS, type StoredFeedback } from '../sql/feedback-row.js';
import { feedbackKey } from '../sql/feedback-store.js';

const SELECT_LIST = [
  ...FEEDBACK_COLUMNS.filter(([name]) => name !== 'created_at').map(([name]): string => `f.${name}`),
  '(extract(epoch FROM f.created_at) * 1000)::float8 AS created_at_ms',
].join(', ');

const FIND_MANY_SQL = `
  SELECT ${SELECT_LIST}
    FROM unnest($1::text[], $2::text[]) AS k(project_id, id)
    JOIN feedback f ON f.project_id = k.project_id AND f.id = k.id`;

/** By feedbackKey. */
export async function findStoredRows(db: Queryable, keys: readonly { project_id: string; id: string }[]): Promise<Map<string, StoredFeedback>> {
  if (keys.length === 0) return new Map();
  const res = await db.query<StoredFeedback>(FIND_MANY_SQL, [keys.map((k) => k.project_id), keys.map((k) => k.id)]);
  return new Map(res.rows.map((r) => [feedbackKey(r), r]));
}
