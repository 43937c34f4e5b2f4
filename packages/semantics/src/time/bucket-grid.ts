// The bucket grid of /feedback/stats. A row's bucket key is its local wall-clock time in the
// request's zone, floored to a multiple of the granularity counted from local 1970-01-01T00:00 —
// in SQL: floor(extract(epoch from (created_at AT TIME ZONE tz)) / g) * g. The grid lists the keys
// a window can produce, each with the instant its bucket begins.
import { invalidRequest } from '../errors.js';
import { daysFromCivil, MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND } from './civil-date.js';
import { formatInstantInZone } from './format-instant.js';
import { MAX_BUCKETS } from './granularity.js';
import { earliestInstantAtOrAfterLocal } from './local-to-instant.js';
import {
  localEpochMs,
  MAX_INSTANT_MS,
  type OffsetShift,
  offsetSecondsAt,
  offsetShiftsBetween,
} from './zone-offset.js';

// Bucket keys are wall-clock readings in years 0001–9999 (what a calendar date-time type holds,
// and a 4-digit year writes): local 0001-01-01T00:00 up to, not including, local 10000-01-01.
// A grid that needs a key outside is refused, never moved (see gridOutOfRangeError).
const FIRST_KEY_LOCAL_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
const KEYS_END_LOCAL_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY;

function gridOutOfRangeError(key: number, granularity: number): Error {
  const side = key * MS_PER_SECOND < FIRST_KEY_LOCAL_MS ? 'before year 0001' : 'after year 9999';
  return invalidRequest(
    `With granularity ${granularity} the bucket grid of this window needs a bucket beginning ${side} (local time); ` +
      'buckets must begin within years 0001–9999. Use a smaller granularity or a window further from the ends of that range.',
  );
}

export interface BucketSlot {
  /** Local seconds since local 1970-01-01T00:00, a multiple of the granularity. */
  key: number;
  /** Epoch ms of the earliest instant whose local time is at or after `key`. */
  startMs: number;
  /** `startMs` in ISO 8601 with the zone's offset at that instant. */
  timestamp: string;
}

export interface BucketGridArgs {
  startMs: number;
  endMs: number;
  /** Seconds, a positive integer (see resolveGranularity). */
  granularity: number;
  timeZone: string;
}

function assertGranularity(granularity: number): void {
  if (!Number.isSafeInteger(granularity) || granularity <= 0) {
    throw new RangeError(`Granularity must be a positive integer number of seconds, got ${granularity}`);
  }
}

/** The bucket key (local seconds) of the instant `epochMs`, exactly as PostgreSQL computes it. */
export function bucketKeyOf(epochMs: number, granularity: number, tz: string): number {
  assertGranularity(granularity);
  return floorKey(localEpochMs(tz, epochMs), granularity);
}

// Integer milliseconds and a true modulo, so no floating-point division can round a row into the
// next bucket (1709999999.999 / 300 must not become a whole number). A span longer than any
// instant is from the epoch (beyond 2^53 it is not even exact) holds every instant in one of two
// buckets: the one at 0, or the one before it.
function floorKey(localMs: number, granularity: number): number {
  const span = granularity * MS_PER_SECOND;
  if (span > Math.abs(localMs)) return localMs >= 0 ? 0 : -granularity;
  const remainder = ((localMs % span) + span) % span;
  return (localMs - remainder) / MS_PER_SECOND;
}

// earliestInstantAtOrAfterLocal(L) looks at offsets within a day of L, and at L − offset.
// No zone has been 16 hours from UTC (the record: Manila's local mean time, -15:56:08, until 1844).
const MAX_OFFSET_MS = 16 * MS_PER_HOUR;
const PROBE_REACH_MS = MS_PER_DAY + MAX_OFFSET_MS;
// The grid learns every offset shift this far around the window, once, to skip that search.
const SHIFT_SCAN_MARGIN_MS = 3 * MS_PER_DAY;

/**
 * The lowest wall-clock reading (local ms) in [startMs, endMs): the reading at `startMs`, unless
 * the clocks fall back inside the window and the repeated hour reads earlier.
 */
function lowestLocalMs(tz: string, startMs: number, endMs: number, shifts: readonly OffsetShift[]): number {
  let lowest = localEpochMs(tz, startMs);
  for (const shift of shifts) {
    if (shift.at > startMs && shift.at < endMs && shift.after < shift.before) {
      lowest = Math.min(lowest, shift.at + shift.after * MS_PER_SECOND);
    }
  }
  return lowest;
}

/**
 * Where keys begin, for keys asked in ascending order. Far from any offset shift a key begins at
 * `key − offset`, which is exactly what earliestInstantAtOrAfterLocal answers there (all its
 * probes see that one offset); near a shift, or outside the scanned span, it is asked.
 */
function slotStartFinder(
  tz: string,
  shifts: readonly OffsetShift[],
  scannedFrom: number,
  scannedTo: number,
): (key: number) => number {
  let next = 0; // index of the first shift after the current key's probe reach began
  return (key) => {
    const local = key * MS_PER_SECOND;
    const from = local - PROBE_REACH_MS;
    const to = local + PROBE_REACH_MS;
    if (from > scannedFrom && to <= scannedTo) {
      while ((shifts[next]?.at ?? Infinity) <= from) next += 1;
      const offsetMs = offsetSecondsAt(tz, local) * MS_PER_SECOND;
      if ((shifts[next]?.at ?? Infinity) > to && Math.abs(offsetMs) < MAX_OFFSET_MS) return local - offsetMs;
    }
    return earliestInstantAtOrAfterLocal(tz, key);
  };
}

/**
 * Every bucket of the window [startMs, endMs), ascending: from the bucket containing `startMs`
 * (it may begin before `startMs`) to the last one that begins before `endMs`, empty ones included.
 * Keys inside a spring-forward gap form no bucket; a key whose own start was skipped (a zone whose
 * midnight does not exist on that day) still does, beginning when the gap ends. When clocks fall
 * back inside the window, the grid also starts early enough to hold the keys the repeated hour
 * reads (rows there must land in some bucket); so it may hold slightly more than MAX_BUCKETS.
 * Offset shifts are scanned hour by hour across the window: meant for stats windows (≤ 31 days).
 * Every key lies in local years 0001–9999: a grid that would need another is a 400 (ApiError).
 */
export function bucketGrid(args: BucketGridArgs): BucketSlot[] {
  const { startMs, endMs, granularity, timeZone } = args;
  assertGranularity(granularity);
  if ((endMs - startMs) / MS_PER_SECOND / granularity > MAX_BUCKETS) {
    throw new RangeError(`More than ${MAX_BUCKETS} buckets: resolve the granularity first`);
  }
  const scannedFrom = startMs - SHIFT_SCAN_MARGIN_MS;
  const scannedTo = Math.max(startMs, endMs) + SHIFT_SCAN_MARGIN_MS;
  const shifts = offsetShiftsBetween(timeZone, scannedFrom, scannedTo);
  const slotStartOf = slotStartFinder(timeZone, shifts, scannedFrom, scannedTo);

  const slots: BucketSlot[] = [];
  const lastKey = Math.floor(MAX_INSTANT_MS / MS_PER_SECOND);
  for (
    let key = floorKey(lowestLocalMs(timeZone, startMs, endMs, shifts), granularity);
    key <= lastKey;
    key += granularity
  ) {
    const slotStart = slotStartOf(key);
    if (slotStart >= endMs) break;
    const localMs = key * MS_PER_SECOND;
    if (localMs < FIRST_KEY_LOCAL_MS || localMs >= KEYS_END_LOCAL_MS) throw gridOutOfRangeError(key, granularity);
    // A key that exists has local time < key + granularity at its start; otherwise it was skipped.
    if (localEpochMs(timeZone, slotStart) >= (key + granularity) * MS_PER_SECOND) continue;
    slots.push({ key, startMs: slotStart, timestamp: formatInstantInZone(slotStart, timeZone) });
  }
  return slots;
}
