// The roll-up grain: UTC-aligned cells of 900 s (every current zone offset is a multiple of
// 15 minutes), 3600 s and 86400 s. A row counted in the roll-ups is counted once at each level.

export const ROLLUP_LEVELS = [900, 3600, 86400] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

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
