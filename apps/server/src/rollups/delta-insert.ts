// `INSERT INTO <roll-up table> …` of the rows aggregated from a source relation: the one fragment
// every writer (create, batch create, import, replace, backfill, rebuild) uses per table.
import type { RollupLevel } from './cells.js';
import { tableColumns, type RollupTable } from './rollup-tables.js';

/** At `levels` (default all three). */
export function deltaInsertSql(table: RollupTable, src: string, levels?: readonly RollupLevel[]): string {
  return `INSERT INTO ${table.name} (${tableColumns(table).join(', ')}) ${table.fromRows(src, levels)}`;
}
