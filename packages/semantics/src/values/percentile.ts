// Exact percentiles with the same arithmetic as PostgreSQL's percentile_cont, so the fake
// matches the server to the last bit.

/**
 * The `p`-th percentile (0–100) of values already sorted ascending, by linear interpolation at
 * position `(p/100)·(n−1)`; `null` when there are no values. The fraction is computed first, as
 * PostgreSQL receives it, and the interpolation is `lo + (pos − floor(pos))·(hi − lo)`.
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
  return loValue + (pos - lo) * (hiValue - loValue);
}
