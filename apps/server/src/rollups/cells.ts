// The roll-up grain: UTC-aligned cells of 900 s (every current zone offset is a multiple of
// 15 minutes), 3600 s and 86400 s. A row counted in the roll-ups is counted once at each level:
// either in that level's rows or, until the compactor merges it into them, in a fresh row.

export const ROLLUP_LEVELS = [900, 3600, 86400] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

/**
 * The `level` of a fresh row: a 15-minute delta written at ingest (cell_start is its quarter)
 * and not yet merged into the three levels. It counts toward the cell of every level that holds
 * its quarter, so a reader of any cell adds the fresh rows inside it (migration 010). Writing one
 * level instead of three is most of what a write saves; the compactor writes the hours and days.
 */
export const FRESH_LEVEL = 0;

export const DAY_MS = 86_400_000;

/** Levels as a relation `lv(level, stride)`, to cross-join rows with (constants only). */
export function levelsSql(levels: readonly RollupLevel[] = ROLLUP_LEVELS): string {
  return `(VALUES ${levels.map((l) => `(${l}::int, interval '${l} seconds')`).join(', ')}) AS lv(level, stride)`;
}

/** The start of the cell of `instant` (a timestamptz expression) at level `lv` (date_bin: integer microseconds, UTC). */
export function cellStartSql(instant: string): string {
  return `date_bin(lv.stride, ${instant}, timestamptz 'epoch')`;
}

/** The UTC day (epoch ms) holding `ms`. */
export function dayStartMs(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
