// Exact percentiles with the same arithmetic as PostgreSQL's percentile_cont, so the fake
// matches the server to the last bit — and a finite answer where percentile_cont's
// interpolation `lo + f·(hi − lo)` overflows (hi − lo beyond the float range, as between
// −1.7e308 and 1.7e308). There the values are halved first, which is exact at those
// magnitudes, and the result doubled: the server asks PostgreSQL for percentile_cont over
// `v * 0.5` and doubles with widePercentile, the fake does the same arithmetic here.

/** The float8 interpolation of percentile_cont: `lo + f·(hi − lo)`. May overflow to Infinity. */
export function interpolate(lo: number, hi: number, fraction: number): number {
  return lo + fraction * (hi - lo);
}

/**
 * The percentile from percentile_cont over the halved values, where the direct one overflowed:
 * doubled, and kept within the float range (the exact answer lies between two finite values).
 */
export function widePercentile(halvedResult: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, 2 * halvedResult));
}

/**
 * The `p`-th percentile (0–100) of values already sorted ascending, by linear interpolation at
 * position `(p/100)·(n−1)`; `null` when there are no values. The fraction is computed first, as
 * PostgreSQL receives it, and the interpolation is `lo + (pos − floor(pos))·(hi − lo)`; when that
 * overflows, twice the same interpolation over `lo·0.5` and `hi·0.5`.
 */
export function percentileCont(sortedAscending: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${String(p)}`);
  const n = sortedAscending.length;
  if (n === 0) return null;
  const fraction = p / 100;
  const pos = fraction * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const loValue = sortedAscending[lo];
  const hiValue = sortedAscending[hi];
  if (loValue === undefined || hiValue === undefined) throw new RangeError('percentile position out of range');
  if (lo === hi) return loValue;
  const direct = interpolate(loValue, hiValue, pos - lo);
  if (Number.isFinite(direct)) return direct;
  return widePercentile(interpolate(loValue * 0.5, hiValue * 0.5, pos - lo));
}
