// `INSERT INTO <roll-up table> …` of the rows aggregated from a source relation: the fragments
// every writer (create, batch create, import, replace, backfill, rebuild) uses per table.
import { FRESH_LEVEL, type RollupLevel } from './cells.js';
import { tableColumns, type RollupTable } from './rollup-tables.js';

/**
 * Level rows recounted from raw (rebuild, a purge's recompute): at `levels` (default all three),
 * each level aggregated from the source rows, one row per key, so written `compacted` (the
 * compactor has nothing to merge in them). The caller deletes the cells' rows first, fresh ones
 * included, in the same snapshot.
 */
export function recountInsertSql(table: RollupTable, src: string, levels?: readonly RollupLevel[]): string {
  return `INSERT INTO ${table.name} (${tableColumns(table).join(', ')}, compacted) SELECT *, true FROM (${table.fromRows(src, levels)}) AS recounted`;
}

/**
 * Fresh rows (cells.ts, FRESH_LEVEL): the source rows aggregated into their 15-minute cells only,
 * for the write path and the backfill. The hours and days are the compactor's to write, merged
 * from many writes' fresh rows at once: each write then inserts about half the rows (the
 * benchmark's import: 5.7k instead of 10.9k per 1,000 raw rows) and skips the hour and day
 * merges of the aggregate maps, the costliest part of its grouping.
 */
export function freshDeltaInsertSql(table: RollupTable, src: string): string {
  const columns = tableColumns(table);
  const fresh = columns.map((c) => (c === 'level' ? `${FRESH_LEVEL} AS level` : c)).join(', ');
  return `
    INSERT INTO ${table.name} (${columns.join(', ')})
    SELECT ${fresh} FROM (${table.fromRows(src, [900])}) AS quarters`;
}
