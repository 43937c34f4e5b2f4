// `INSERT INTO <roll-up table> …` of the rows aggregated from a source relation: the fragments
// every writer (create, batch create, import, replace, backfill, rebuild) uses per table.
import { FRESH_LEVEL, type RollupLevel } from './cells.js';
import { tableColumns, type RollupTable } from './rollup-tables.js';

/** At `levels` (default all three), each level aggregated from the source rows. */
export function deltaInsertSql(table: RollupTable, src: string, levels?: readonly RollupLevel[]): string {
  return `INSERT INTO ${table.name} (${tableColumns(table).join(', ')}) ${table.fromRows(src, levels)}`;
}

/**
 * Fresh rows (cells.ts, FRESH_LEVEL): the source rows aggregated into their 15-minute cells only,
 * for the write path and the backfill. The hours and days are the compactor's to write, merged
 * from many writes' fresh rows at once: each write then inserts a third of the rows (on the
 * benchmark's data a batch's rows fall into as many hour and day cells as quarter cells) and
 * skips the merges of the aggregate maps, the costliest part of its grouping.
 */
export function freshDeltaInsertSql(table: RollupTable, src: string): string {
  const columns = tableColumns(table);
  const fresh = columns.map((c) => (c === 'level' ? `${FRESH_LEVEL} AS level` : c)).join(', ');
  return `
    INSERT INTO ${table.name} (${columns.join(', ')})
    SELECT ${fresh} FROM (${table.fromRows(src, [900])}) AS quarters`;
}
