// The stats bucket key of a row, `floor(local_epoch_seconds / g) * g`, without converting every
// row with AT TIME ZONE (a zone lookup and a calendar conversion per row). Inside a window the
// zone's UTC offset only changes at a few known instants (at most two in 31 days), so
//   local_epoch = date_part('epoch', created_at) + <offset of the row's segment>
// where the window is cut at those instants and each segment's offset is read once, by
// PostgreSQL itself (AT TIME ZONE on the segment's first instant; constant-folded at planning).
// The cut instants come from the same zone rules that lay out the bucket grid (offsetShiftsBetween),
// so a row's key and the grid always agree.
//
// Same float8 value as date_part('epoch', created_at AT TIME ZONE tz): offsets are whole seconds
// and rows have millisecond precision, so the sum is exact wherever a bucket boundary lies.
import { offsetShiftsBetween } from '@feedback/semantics';
import { pgInstant } from './pg-instant.js';
import type { Bind } from './statement.js';

export interface BucketKeyWindow {
  startMs: number;
  endMs: number;
  /** SQL text of the bound time zone parameter, e.g. `$4::text`. */
  timeZoneParam: string;
  timeZone: string;
  /** SQL text of the bound granularity (seconds), e.g. `$5::float8`. */
  granularityParam: string;
}

export function bucketKeySql(w: BucketKeyWindow, bind: Bind): string {
  const cuts = offsetShiftsBetween(w.timeZone, w.startMs, w.endMs)
    .map((s) => s.at)
    .filter((at) => at > w.startMs && at < w.endMs);
  const offsetAt = (ms: number): string =>
    `round(date_part('epoch', ${bind(pgInstant(ms), 'timestamptz')} AT TIME ZONE ${w.timeZoneParam}) - ${bind(ms / 1000, 'float8')})`;
  const first = offsetAt(w.startMs);
  const offset = cuts.length === 0
    ? first
    : `CASE WHEN created_at < ${bind(pgInstant(cuts[0] as number), 'timestamptz')} THEN ${first} ${cuts
        .map((at, i) => {
          const next = cuts[i + 1];
          return next === undefined
            ? `ELSE ${offsetAt(at)}`
            : `WHEN created_at < ${bind(pgInstant(next), 'timestamptz')} THEN ${offsetAt(at)}`;
        })
        .join(' ')} END`;
  return `(floor((date_part('epoch', created_at) + ${offset}) / ${w.granularityParam}) * ${w.granularityParam})::float8`;
}
