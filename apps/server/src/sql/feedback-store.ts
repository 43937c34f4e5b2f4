// Writes and point reads of feedback rows.
import type { Queryable } from '../storage/db.js';
import { FEEDBACK_COLUMNS, type FeedbackInsertRow, type StoredFeedback } from './feedback-row.js';
import { COVERED_EXPR } from './project-rows.js';

const COLUMN_LIST = FEEDBACK_COLUMNS.map(([name]) => name).join(', ');
const RECORD_TYPE = FEEDBACK_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
const SELECT_LIST = [
  ...FEEDBACK_COLUMNS.filter(([name]) => name !== 'created_at').map(([name]): string => name),
  '(extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms',
].join(', ');

// One statement for one row or a batch of thousands: the rows travel as a single jsonb parameter.
// `covered` is measured on the values as they arrive (uncompressed), so it never overestimates
// what fits in the covering index.
const INSERT_SQL = `
  INSERT INTO feedback (${COLUMN_LIST}, covered)
  SELECT ${COLUMN_LIST}, ${COVERED_EXPR} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
  ON CONFLICT (project_id, id) DO NOTHING
  RETURNING id`;

const FIND_SQL = `SELECT ${SELECT_LIST} FROM feedback WHERE project_id = $1 AND id = $2`;

/** Inserts rows; returns the ids that were new (a conflicting id is skipped, not overwritten). */
export async function insertFeedback(db: Queryable, rows: readonly FeedbackInsertRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const res = await db.query<{ id: string }>(INSERT_SQL, [JSON.stringify(rows)]);
  return new Set(res.rows.map((r) => r.id));
}

export async function findFeedback(db: Queryable, projectId: string, id: string): Promise<StoredFeedback | undefined> {
  const res = await db.query<StoredFeedback>(FIND_SQL, [projectId, id]);
  return res.rows[0];
}

export async function countFeedback(db: Queryable, projectId?: string): Promise<number> {
  const res = projectId === undefined
    ? await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback')
    : await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id = $1', [projectId]);
  return res.rows[0]?.n ?? 0;
}
