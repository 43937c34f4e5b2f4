// The insert of feedback rows with their roll-up deltas, in ONE statement (one round trip, one
// snapshot): the raw rows go in as today (ON CONFLICT DO NOTHING), and data-modifying CTEs over
// the INSERT's RETURNING add one aggregated INSERT per roll-up table. Only rows this statement
// inserted are counted: an id skipped as a conflict (a retry of the same client id) counts
// nothing. Concurrent writers into one cell insert their own delta rows and never wait for each
// other (src/rollups/README.md).
//
// $1: the rows, a JSON array (jsonb_to_recordset). $2: beside them, a JSON array of each row's
// leaves (payload-leaves.ts; null for a row over the bounds, which is stored with
// rolled_up = false and counted nowhere, as is a row that is not `covered`: its key text could
// overflow a roll-up index entry, migration 006). The rows must have distinct (project_id, id),
// as every caller already ensures: the deltas are joined back to $2 by that key.
import { FEEDBACK_COLUMNS } from '../sql/feedback-row.js';
import { COVERED_EXPR } from '../sql/project-rows.js';
import { freshDeltaInsertSql } from './delta-insert.js';
import { ROLLUP_TABLES, SOURCE_COLUMNS } from './rollup-tables.js';

const COLUMN_LIST = FEEDBACK_COLUMNS.map(([name]) => name).join(', ');
const RECORD_TYPE = FEEDBACK_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
const RETURNED = ['id', 'rolled_up', ...SOURCE_COLUMNS].join(', ');

/**
 * Run prepared: planning this statement costs more than running it for a small group (measured on
 * PostgreSQL 15: a one-row create went from about 2× the plain insert's time to the same).
 */
export const INSERT_WITH_ROLLUPS_NAME = 'feedback_insert_with_rollups';

export const INSERT_WITH_ROLLUPS_SQL = `
  WITH given AS MATERIALIZED (
    SELECT *, ${COVERED_EXPR} AS covered FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${RECORD_TYPE}), jsonb_array_elements($2::jsonb))
      AS r(${COLUMN_LIST}, leaves)
  ),
  ins AS (
    INSERT INTO feedback (${COLUMN_LIST}, covered, rolled_up)
    SELECT ${COLUMN_LIST}, covered, covered AND jsonb_typeof(leaves) = 'object' FROM given
    ON CONFLICT (project_id, id) DO NOTHING
    RETURNING ${RETURNED}
  ),
  rolled AS (
    SELECT ins.*, given.leaves FROM ins JOIN given USING (project_id, id) WHERE ins.rolled_up
  )${ROLLUP_TABLES.map((t, i) => `,
  d${i} AS (${freshDeltaInsertSql(t, 'rolled')})`).join('')}
  SELECT project_id, id FROM ins`;
