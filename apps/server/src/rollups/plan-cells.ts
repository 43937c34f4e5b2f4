// The planner's core: which roll-up cells cover a time range, and what is left to read raw.
// A cell is a UTC-aligned interval of `level` seconds (migrations/006_rollups.sql); a row belongs
// to the cell containing its created_at. The coarsest aligned cells that fit inside the range are
// used first, then finer ones on the ragged sides; what no 15-minute cell fits (the edges of a
// window, buckets that are not whole quarter hours) is a raw range.

/** Roll-up levels, coarsest first. Each divides the one before it. */
export const ROLLUP_LEVELS = [86_400, 3_600, 900] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

/** Half-open [fromMs, toMs), epoch milliseconds. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** The cells of one level whose start lies in [fromMs, toMs): both ends aligned to the level. */
export interface CellRange extends TimeRange {
  level: RollupLevel;
}

export interface Tiling {
  cells: CellRange[];
  raw: TimeRange[];
}

function tileInto(fromMs: number, toMs: number, levelIndex: number, out: Tiling): void {
  if (fromMs >= toMs) return;
  const level = ROLLUP_LEVELS[levelIndex];
  if (level === undefined) {
    out.raw.push({ fromMs, toMs });
    return;
  }
  const span = level * 1000;
  const first = Math.ceil(fromMs / span) * span;
  const last = Math.floor(toMs / span) * span;
  if (first >= last) {
    tileInto(fromMs, toMs, levelIndex + 1, out);
    return;
  }
  tileInto(fromMs, first, levelIndex + 1, out);
  out.cells.push({ level, fromMs: first, toMs: last });
  tileInto(last, toMs, levelIndex + 1, out);
}

/**
 * Tiles [fromMs, toMs) (integer ms) with the coarsest aligned cells, in time order; the parts no
 * 15-minute cell fits are raw ranges. Cells and raw ranges are disjoint and cover the range.
 */
export function tileRange(fromMs: number, toMs: number): Tiling {
  const out: Tiling = { cells: [], raw: [] };
  tileInto(fromMs, toMs, 0, out);
  return out;
}

/** Adjacent or overlapping ranges joined, in time order (fewer index scans for the raw reads). */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.fromMs - b.fromMs);
  const merged: TimeRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, r.toMs);
    else merged.push({ ...r });
  }
  return merged;
}

/** Part of one answer bucket: the instants [fromMs, toMs) whose rows carry bucket key `key`. */
export interface KeyedRange extends TimeRange {
  key: number;
}

/** One answer bucket: the roll-up cells that hold its rows, and the raw ranges that hold the rest. */
export interface BucketPlan {
  /** The bucket's key as the raw statement computes it (stats: local seconds; aggregate: start ms). */
  key: number;
  cells: CellRange[];
  raw: TimeRange[];
}

/** How a request reads its rows: per bucket, cells and raw ranges; all raw ranges merged. */
export interface RollupPlan {
  buckets: BucketPlan[];
  /** Every raw range of every bucket, merged: the instants no cell covers. */
  raw: TimeRange[];
}

/**
 * Tiles each bucket's ranges (several when clocks fall back and a key recurs), keeping keys in
 * first-seen order. `null` when no cell fits anywhere: then the plain raw statement is cheaper.
 */
export function planBuckets(ranges: readonly KeyedRange[]): RollupPlan | null {
  const byKey = new Map<number, TimeRange[]>();
  for (const r of ranges) {
    const list = byKey.get(r.key);
    if (list === undefined) byKey.set(r.key, [r]);
    else list.push(r);
  }
  // A bucket cut only by an offset change (a 23-hour day) is one range again before tiling.
  const buckets = [...byKey].map(([key, list]): BucketPlan => {
    const bucket: BucketPlan = { key, cells: [], raw: [] };
    for (const r of mergeRanges(list)) {
      const tiling = tileRange(r.fromMs, r.toMs);
      bucket.cells.push(...tiling.cells);
      bucket.raw.push(...tiling.raw);
    }
    return bucket;
  });
  if (buckets.every((b) => b.cells.length === 0)) return null;
  return { buckets, raw: mergeRanges(buckets.flatMap((b) => b.raw)) };
}
