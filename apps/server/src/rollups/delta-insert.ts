// `INSERT INTO <roll-up table> …` of the rows aggregated from a source relation: the fragment
// every writer (create, batch create, import, replace, backfill, rebuild) uses per table.
import type { RollupLevel } from './cells.js';
import { tableColumns, type RollupTable } from './rollup-tables.js';

/** At `levels` (default all three), each level aggregated from the source rows. */
export function deltaInsertSql(table: RollupTable, src: string, levels?: readonly RollupLevel[]): string {
  return `INSERT INTO ${table.name} (${tableColumns(table).join(', ')}) ${table.fromRows(src, levels)}`;
}

/**
 * All three levels, as a data-modifying CTE's body: the source rows aggregated once, into 15-minute
 * cells, and the hours and days merged from those (exact: a merge of cells is what aggregating
 * their rows gives). The grouping of the raw rows — the costly part, one input row per row and
 * leaf — then runs once instead of once per level.
 */
export function deltaInsertCteSql(table: RollupTable, src: string): string {
  const columns = tableColumns(table);
  const list = columns.join(', ');
  const at = (level: 3600 | 86400) =>
    `(SELECT ${columns.map((c) => (c === 'level' ? `${level} AS level` : c === 'cell_start' ? `date_bin(interval '${level} seconds', cell_start, timestamptz 'epoch') AS cell_start` : c)).join(', ')} FROM quarters)`;
  return `
    WITH quarters AS MATERIALIZED (${table.fromRows(src, [900])})
    INSERT INTO ${table.name} (${list})
    SELECT ${list} FROM quarters
    UNION ALL SELECT ${list} FROM (${table.merged(at(3600))}) AS h
    UNION ALL SELECT ${list} FROM (${table.merged(at(86400))}) AS d`;
}
