// After rolled-up rows were deleted (purge, replace): the roll-ups of the 15-minute cells they
// were in, recomputed level by level so that no statement reads more than those cells' raw rows:
//   - 900 s: the cells' rows, fresh ones included, deleted and re-aggregated from the raw rows
//     left (rolled_up = true);
//   - 3600 s, then 86400 s: the enclosing cells' rows deleted and rebuilt by merging the level
//     below inside them (a day is the merge of its hours, an hour of its quarters: exact).
// Every level is left one row per key, written compacted: the compactor has nothing to merge.
// A cell counts its level's rows plus the fresh rows inside it (cells.ts, FRESH_LEVEL), at every
// level alike, so merging the level below without its fresh rows keeps that sum exact: the fresh
// rows left in the other quarters stay counted at the hour and the day through themselves.
// Each is ONE statement (delete and rebuild in one snapshot), run in this order in the caller's
// transaction under the project's roll-up lock. Writers that commit in between are counted
// right: a write adds only fresh rows, which no statement here deletes unless it can see them
// (and then recounts their raw rows).
//
// $1 project, $2 the 15-minute cell starts (timestamptz[], repeats allowed).
import { FRESH_LEVEL } from './cells.js';
import { recountInsertSql } from './delta-insert.js';
import { SOURCE_COLUMNS, tableColumns, type RollupTable } from './rollup-tables.js';

/** Level 900 from the raw rows of the cells. */
export function recomputeQuartersSql(table: RollupTable): string {
  const leaves = table.needsLeaves ? ', feedback_payload_leaves(f.payload) AS leaves' : '';
  return `
    WITH cells AS (SELECT DISTINCT c AS lo FROM unnest($2::timestamptz[]) AS c),
    gone AS (
      DELETE FROM ${table.name} AS r USING cells AS g
      WHERE r.project_id = $1::text AND r.level IN (${FRESH_LEVEL}, 900) AND r.cell_start = g.lo
    ),
    src AS (
      SELECT ${SOURCE_COLUMNS.map((c) => `f.${c}`).join(', ')}${leaves}
      FROM cells AS g JOIN feedback AS f
        ON f.project_id = $1::text AND f.created_at >= g.lo AND f.created_at < g.lo + interval '900 seconds'
      WHERE f.rolled_up
    )
    ${recountInsertSql(table, 'src', [900])}`;
}

/** Level `level` (3600 or 86400) of the cells enclosing the quarters, merged from level `below`. */
export function recomputeUpperSql(table: RollupTable, level: 3600 | 86400, below: 900 | 3600): string {
  const values = table.values.map((v) => `r.${v}`).join(', ');
  const dims = table.dims.map((d) => `r.${d}`).join(', ');
  return `
    WITH cells AS (
      SELECT DISTINCT date_bin(interval '${level} seconds', c, timestamptz 'epoch') AS lo FROM unnest($2::timestamptz[]) AS c
    ),
    gone AS (
      DELETE FROM ${table.name} AS r USING cells AS g
      WHERE r.project_id = $1::text AND r.level = ${level} AND r.cell_start = g.lo
    )
    INSERT INTO ${table.name} (${tableColumns(table).join(', ')}, compacted)
    SELECT *, true FROM (${table.merged(`(
      SELECT r.project_id, ${level}::int AS level, g.lo AS cell_start, ${dims}, ${values}
      FROM cells AS g JOIN ${table.name} AS r
        ON r.project_id = $1::text AND r.level = ${below} AND r.cell_start >= g.lo AND r.cell_start < g.lo + interval '${level} seconds'
    )`)}) AS merged`;
}
