// One roll-up table of a project checked against its raw rows, in one statement: the rows the
// raw rows give (rolled_up = true; the table's fromRows) beside the table's rows merged per key
// (merged; fresh rows spread to the three levels they count at), compared as JSON (numbers by
// value, so 1.50 = 1.5), every key on either side.
// $1 project, $2 how many differences to return at most.
import { SOURCE_COLUMNS, spreadFreshSql, type RollupTable } from './rollup-tables.js';

export interface RollupDifference {
  /** [level, cell_start, …dimensions] */
  key: unknown[];
  /** The values the raw rows give; null when they give no row for this key. */
  expected: unknown[] | null;
  /** The values the roll-up rows add up to; null when there are none. */
  actual: unknown[] | null;
}

export function verifySql(table: RollupTable): string {
  const leaves = table.needsLeaves ? ', feedback_payload_leaves(f.payload) AS leaves' : '';
  // The cell in UTC whatever the session's TimeZone (to_jsonb of a timestamptz follows it).
  const cell = `to_char(cell_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  const key = `jsonb_build_array(${['level', cell, ...table.dims].join(', ')})`;
  const values = `jsonb_build_array(${table.values.join(', ')})`;
  return `
    WITH src AS (
      SELECT ${SOURCE_COLUMNS.map((c) => `f.${c}`).join(', ')}${leaves}
      FROM feedback AS f WHERE f.project_id = $1::text AND f.rolled_up
    ),
    expected AS (SELECT ${key} AS k, ${values} AS v FROM (${table.fromRows('src')}) AS e),
    actual AS (
      SELECT ${key} AS k, ${values} AS v
      FROM (${table.merged(`(${spreadFreshSql(table, `(SELECT * FROM ${table.name} WHERE project_id = $1::text)`)})`)}) AS a
    )
    SELECT k AS key, e.v AS expected, a.v AS actual
    FROM expected AS e FULL JOIN actual AS a USING (k)
    WHERE e.v IS DISTINCT FROM a.v
    ORDER BY k
    LIMIT $2::int`;
}

/** Rows whose stored flag disagrees with the SQL leaf rule and `covered` (rolled up but over the bounds, or the reverse). */
export const FLAG_MISMATCH_SQL = `
  SELECT id, rolled_up FROM feedback
  WHERE project_id = $1::text AND rolled_up IS NOT NULL AND rolled_up <> (feedback_payload_leaves(payload) IS NOT NULL AND covered)
  ORDER BY id LIMIT $2::int`;

/** Rows not yet rolled up (written before the roll-ups or with FEEDBACK_ROLLUPS=off): not a difference. */
export const PENDING_COUNT_SQL = `
  SELECT count(*)::int AS n FROM feedback WHERE project_id = $1::text AND rolled_up IS NOT TRUE AND rolled_up IS NULL`;
