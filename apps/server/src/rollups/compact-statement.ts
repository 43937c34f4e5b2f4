// The compactor's statements for one project. The cells to merge come from those with delta rows
// in feedback_stats_rollup (CELLS_TO_COMPACT_SQL): every write that adds rows to a cell adds one
// there, so its partial index (migration 006) lists the dirty cells of every table; a dirty
// quarter of fresh rows (cells.ts, FRESH_LEVEL) also makes its quarter, hour and day cells
// targets. Then per table ONE statement: the fresh rows of those quarters are deleted and spread
// to their three cells; every target cell loses all its rows; and each key of those cells gets
// one row that merges them (`WITH d AS (DELETE … RETURNING …) INSERT … SELECT … FROM d GROUP
// BY …`). Deltas committed after a statement's snapshot are neither deleted nor lost: they stay,
// to be merged next time. The stats table goes first: a write that commits between the
// statements then keeps its stats delta, so its cell is found again. Run under the project's
// roll-up lock (project-lock.ts), so no purge recompute deletes the same rows meanwhile.
import { cellStartSql, FRESH_LEVEL, levelsSql } from './cells.js';
import { spreadFreshSql, tableColumns, type RollupTable } from './rollup-tables.js';

/**
 * $1 project, $2 most dirty cells. Rows (level, cell_start, dirty): the dirty cells, fresh
 * quarters at FRESH_LEVEL, and the quarter, hour and day cells their fresh rows count at; each
 * cell once. The cell starts go back to compactSql as they came.
 */
export const CELLS_TO_COMPACT_SQL = `
  WITH dirty AS (
    SELECT DISTINCT level, cell_start FROM feedback_stats_rollup
    WHERE project_id = $1::text AND NOT compacted
    LIMIT $2::int
  )
  SELECT level, cell_start, bool_or(dirty) AS dirty
  FROM (SELECT level, cell_start, true AS dirty FROM dirty
        UNION ALL
        SELECT lv.level, ${cellStartSql('d.cell_start')}, false
        FROM dirty AS d CROSS JOIN ${levelsSql()} WHERE d.level = ${FRESH_LEVEL}) AS c
  GROUP BY level, cell_start`;

/**
 * $1 project; $2 levels (int[]) and $3 cell starts (timestamptz[]), pairwise: the target cells;
 * $4 the fresh quarters (timestamptz[]). Both lists are bound arrays, probed through the index
 * (a join against a CTE of them was planned as a nested loop testing every fresh row against
 * every cell: 6 s for a 5,000-row project's quarters, now 1 s).
 */
export function compactSql(table: RollupTable): string {
  const columns = tableColumns(table).join(', ');
  return `
    WITH fresh AS (
      DELETE FROM ${table.name} AS r
      WHERE r.project_id = $1::text AND r.level = ${FRESH_LEVEL} AND r.cell_start = ANY ($4::timestamptz[])
      RETURNING r.*
    ),
    spread AS (${spreadFreshSql(table, 'fresh')}),
    d AS (
      DELETE FROM ${table.name} AS r USING unnest($2::int[], $3::timestamptz[]) AS c(level, cell_start)
      WHERE r.project_id = $1::text AND r.level = c.level AND r.cell_start = c.cell_start
      RETURNING r.*
    ),
    merged AS (
      INSERT INTO ${table.name} (${columns}, compacted)
      SELECT ${columns}, true FROM (${table.merged(`(SELECT ${columns} FROM d UNION ALL SELECT ${columns} FROM spread)`)}) AS m
      RETURNING 1
    )
    SELECT ((SELECT count(*) FROM fresh) + (SELECT count(*) FROM d))::int AS deleted, (SELECT count(*) FROM merged)::int AS written`;
}

/** Projects with delta rows (a sample: the compactor comes back for more). */
export const PROJECTS_WITH_DELTAS_SQL = `
  SELECT DISTINCT project_id FROM (SELECT project_id FROM feedback_stats_rollup WHERE NOT compacted LIMIT 10000) AS p
  LIMIT $1::int`;
