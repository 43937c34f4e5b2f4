// Recomputes one roll-up table of a project from its raw rows over whole UTC days, in ONE
// statement: the rows of those days are deleted and re-aggregated from the raw rows that are
// rolled up (rolled_up = true), both in the statement's one snapshot. A delta written by a
// transaction that commits meanwhile is neither deleted nor counted from raw, so it stays and
// adds its rows once. The rows written are one per key, so they are written compacted. Run under
// the project's roll-up lock (project-lock.ts).
//
// $1 project; $2, $3: starts and ends of disjoint, day-aligned ranges (±infinity allowed). Every
// cell of every level whose start lies in a range lies wholly inside it.
import { recountInsertSql } from './delta-insert.js';
import { SOURCE_COLUMNS, type RollupTable } from './rollup-tables.js';

export function rebuildSql(table: RollupTable): string {
  const leaves = table.needsLeaves ? ', feedback_payload_leaves(f.payload) AS leaves' : '';
  return `
    WITH ranges AS (SELECT * FROM unnest($2::timestamptz[], $3::timestamptz[]) AS g(lo, hi)),
    gone AS (
      DELETE FROM ${table.name} AS r USING ranges AS g
      WHERE r.project_id = $1::text AND r.cell_start >= g.lo AND r.cell_start < g.hi
    ),
    src AS (
      SELECT ${SOURCE_COLUMNS.map((c) => `f.${c}`).join(', ')}${leaves}
      FROM ranges AS g JOIN feedback AS f ON f.project_id = $1::text AND f.created_at >= g.lo AND f.created_at < g.hi
      WHERE f.rolled_up
    )
    ${recountInsertSql(table, 'src')}`;
}
