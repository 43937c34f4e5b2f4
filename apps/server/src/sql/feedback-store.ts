// Writes and point reads of feedback rows.
import { INSERT_WITH_ROLLUPS_NAME, INSERT_WITH_ROLLUPS_SQL } from '../rollups/insert-with-rollups.js';
import { leavesJson } from '../rollups/payload-leaves.js';
import type { Queryable } from '../storage/db.js';
import { FEEDBACK_COLUMNS, type FeedbackInsertRow, type StoredFeedback } from './feedback-row.js';
import { COVERED_EXPR } from './project-rows.js';

const COLUMN_LIST = FEEDBACK_COLUMNS.map(([name]) => name).join(', ');
const RECORD_TYPE = FEEDBACK_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
/** Every column of a stored row, `created_at` as epoch ms (`created_at_ms`): what StoredFeedback holds. */
export const SELECT_LIST = [
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
  RETURNING project_id, id`;

const FIND_SQL = `SELECT ${SELECT_LIST} FROM feedback WHERE project_id = $1 AND id = $2`;

/** A row's identity: ids are unique per project, not across projects. */
export function feedbackKey(row: { project_id: string; id: string }): string {
  return `${row.project_id}\u0000${row.id}`;
}

export interface InsertOptions {
  /**
   * Write the roll-up deltas with the rows, in the same statement (the server's writes, unless
   * FEEDBACK_ROLLUPS=off). Without, the rows are stored as not yet rolled up (rolled_up NULL):
   * reads count them raw until the backfill job rolls them up. Default false.
   */
  rollups?: boolean;
}

/**
 * Inserts rows with distinct (project_id, id); returns the feedbackKey of each row that was new
 * (a conflicting id is skipped, not overwritten).
 */
export async function insertFeedback(db: Queryable, rows: readonly FeedbackInsertRow[], opts: InsertOptions = {}): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  return insertFeedbackJson(db, JSON.stringify(rows), opts.rollups === true ? leavesJson(rows.map((r) => r.payload)) : null);
}

/**
 * The same, for rows already serialised as one JSON array (the group insert sizes its batches by
 * it); `rowLeavesJson`, when given, is the array of their leaves (rollups/payload-leaves.ts), and
 * the roll-up deltas are written with them.
 */
export async function insertFeedbackJson(db: Queryable, rowsJson: string, rowLeavesJson: string | null = null): Promise<Set<string>> {
  const res = rowLeavesJson === null
    ? await db.query<{ project_id: string; id: string }>(INSERT_SQL, [rowsJson])
    : await db.query<{ project_id: string; id: string }>(INSERT_WITH_ROLLUPS_SQL, [rowsJson, rowLeavesJson], { prepare: INSERT_WITH_ROLLUPS_NAME });
  return new Set(res.rows.map(feedbackKey));
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
