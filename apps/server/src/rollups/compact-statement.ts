// The compactor's statement for one roll-up table and project, ONE statement: the cells that have
// delta rows (at most $2 of them) lose all their rows, and each key of those cells gets one row
// that merges them (`WITH d AS (DELETE … RETURNING …) INSERT … SELECT … FROM d GROUP BY …`).
// Deltas committed after the statement's snapshot are not deleted and stay, to be merged next
// time. Run under the project's roll-up lock (project-lock.ts), so no purge recompute deletes
// the same rows meanwhile. $1 project, $2 most cells.
import { tableColumns, type RollupTable } from './rollup-tables.js';

export function compactSql(table: RollupTable): string {
  const columns = tableColumns(table).join(', ');
  return `
    WITH cells AS (
      SELECT DISTINCT level, cell_start FROM ${table.name} WHERE project_id = $1::text AND NOT compacted LIMIT $2::int
    ),
    d AS (
      DELETE FROM ${table.name} AS r USING cells AS c
      WHERE r.project_id = $1::text AND r.level = c.level AND r.cell_start = c.cell_start
      RETURNING r.*
    ),
    merged AS (
      INSERT INTO ${table.name} (${columns}, compacted)
      SELECT ${columns}, true FROM (${table.merged('d')}) AS m
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM cells)::int AS cells, (SELECT count(*) FROM d)::int AS deleted,
           (SELECT count(*) FROM merged)::int AS written`;
}

/** Projects with delta rows in any roll-up table (a sample: the compactor comes back for more). */
export const PROJECTS_WITH_DELTAS_SQL = `
  SELECT DISTINCT project_id FROM (
    (SELECT project_id FROM feedback_stats_rollup WHERE NOT compacted LIMIT 10000)
    UNION ALL (SELECT project_id FROM feedback_stats_rollup_leaf WHERE NOT compacted LIMIT 10000)
    UNION ALL (SELECT project_id FROM feedback_aggregate_rollup WHERE NOT compacted LIMIT 10000)
  ) AS p
  LIMIT $1::int`;
