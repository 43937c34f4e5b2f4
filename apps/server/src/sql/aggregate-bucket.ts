// The aggregate's time bucket of a row: floor(created_at_ms / T) · T on the UTC epoch grid.
// date_bin computes it in integer microseconds and is far cheaper per row than the numeric
// extract(epoch) arithmetic; the caller turns the bucket's start into epoch ms once per group.
// Strides past ~31 years would overflow the interval arithmetic, so those (never useful, but
// valid) requests keep the numeric form, which is exact too: rows are never before 1970
// (after_ms ≥ 0) and their epoch ms are integers below 2^53, so a quotient that is not a whole
// number stays below it in float8 (floor never rounds a row into the next bucket), and a key,
// never larger than its row's time, is a whole number of ms below 2^53. A stride longer than
// the data's age keys every row at 0. (SEMANTICS §5; test/number-edges.test.ts.)
import type { Bind } from './statement.js';

const DATE_BIN_MAX_MS = 1_000_000_000_000;

/** SQL for the bucket key of `created_at`: a timestamptz (bucket start), or a constant when unbucketed. */
export function bucketStartSql(bucketMs: number | null, bind: Bind): string {
  if (bucketMs === null) return `timestamptz 'epoch'`;
  if (bucketMs <= DATE_BIN_MAX_MS) {
    return `date_bin(make_interval(secs => ${bind(bucketMs / 1000, 'float8')}), created_at, timestamptz 'epoch')`;
  }
  const b = bind(bucketMs, 'float8');
  return `(timestamptz 'epoch' + make_interval(secs => floor(extract(epoch FROM created_at) * 1000 / ${b}) * ${b} / 1000))`;
}
