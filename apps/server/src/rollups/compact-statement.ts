// The compactor's statements for one project. The cells to merge are those with delta rows in
// feedback_stats_rollup (CELLS_TO_COMPACT_SQL): every write that adds rows to a cell adds one
// there, so its partial index (migration 006) lists the dirty cells of every table. Then per
// table ONE statement: the fresh rows of the listed quarters (cells.ts, FRESH_LEVEL) are deleted
// and spread to their quarter, hour and day; every cell they reach, and every other listed cell,
// loses all its rows; and each key of those cells gets one row that merges them
// (`WITH d AS (DELETE … RETURNING …) INSERT … SELECT … FROM d GROUP BY …`). Deltas committed
// after a statement's snapshot are neither deleted nor lost: they stay, to be merged next time.
// The stats table goes first: a write that commits between the statements then keeps its stats
// delta, so its cell is found again. Run under the project's roll-up lock (project-lock.ts), so
// no purge recompute deletes the same rows meanwhile.
import { FRESH_LEVEL } from './cells.js';
import { spreadFreshSql, tableColumns, type RollupTable } from './rollup-tables.js';

/** $1 project, $2 most cells: (level, cell_start) with delta rows (fresh ones at FRESH_LEVEL). */
export const CELLS_TO_COMPACT_SQL = `
  SELECT DISTINCT level, cell_start FROM feedback_stats_rollup
  WHERE project_id = $1::text AND NOT compacted
  LIMIT $2::int`;

/** $1 project, $2 levels (int[]), $3 cell starts (timestamptz[]), pairwise. */
export function compactSql(table: RollupTable): string {
  const columns = tableColumns(table).join(', ');
  return `
    WITH cells AS (SELECT * FROM unnest($2::int[], $3::timestamptz[]) AS c(level, cell_start)),
    fresh AS (
      DELETE FROM ${table.name} AS r USING cells AS c
      WHERE c.level = ${FRESH_LEVEL} AND r.project_id = $1::text AND r.level = ${FRESH_LEVEL} AND r.cell_start = c.cell_start
      RETURNING r.*
    ),
    spread AS (${spreadFreshSql(table, 'fresh')}),
    targets AS (
      SELECT level, cell_start FROM cells WHERE level <> ${FRESH_LEVEL}
      UNION
      SELECT level, cell_start FROM spread
    ),
    d AS (
      DELETE FROM ${table.name} AS r USING targets AS c
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
