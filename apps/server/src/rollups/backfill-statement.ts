// One backfill batch, ONE statement: up to $1 rows not yet rolled up (rolled_up IS NULL: written
// before migration 006 or with FEEDBACK_ROLLUPS=off) are locked — skipping rows another
// transaction holds, so no writer or replace waits — flagged, and their deltas inserted. The flag
// and the deltas commit together, and a row is taken only while its flag is NULL, so every row is
// counted once, however many backfills run and whenever the process stops: the flag is the
// progress. The rows written meanwhile by the write path carry their flag already.
// $1 batch size; $2 the project (only with `perProject`).
import { freshDeltaInsertSql } from './delta-insert.js';
import { ROLLUP_TABLES, SOURCE_COLUMNS } from './rollup-tables.js';

export function backfillSql(perProject: boolean): string {
  return `
    WITH pick AS (
      SELECT project_id, id, feedback_payload_leaves(payload) AS leaves
      FROM feedback
      WHERE rolled_up IS NOT TRUE AND rolled_up IS NULL${perProject ? ' AND project_id = $2::text' : ''}
      LIMIT $1::int
      FOR UPDATE SKIP LOCKED
    ),
    upd AS (
      UPDATE feedback AS f SET rolled_up = (p.leaves IS NOT NULL AND f.covered)
      FROM pick AS p
      WHERE f.project_id = p.project_id AND f.id = p.id
      RETURNING f.id, f.rolled_up, ${SOURCE_COLUMNS.map((c) => `f.${c}`).join(', ')}, p.leaves
    ),
    rolled AS (SELECT * FROM upd WHERE rolled_up)${ROLLUP_TABLES.map((t, i) => `,
    d${i} AS (${freshDeltaInsertSql(t, 'rolled')})`).join('')}
    SELECT count(*)::int AS n FROM upd`;
}
