// From a wall-clock reading back to an instant. A local time can exist once, twice (the repeated
// hour when clocks fall back) or never (the hour skipped when they spring forward).
import { MS_PER_DAY, MS_PER_SECOND } from './civil-date.js';
import { localEpochMs, MAX_INSTANT_MS, MIN_INSTANT_MS, offsetSecondsAt } from './zone-offset.js';

/**
 * Epoch ms of the earliest instant whose wall clock in `tz` reads `localSeconds` (seconds since
 * local 1970-01-01T00:00, millisecond precision) or later: when the time exists twice, the first
 * (summer-time) one; when it falls in a gap, the instant the gap ends.
 * Results are clamped to the JS Date range.
 */
export function earliestInstantAtOrAfterLocal(tz: string, localSeconds: number): number {
  if (!Number.isFinite(localSeconds)) throw new RangeError(`Not a finite local time: ${localSeconds}`);
  const local = Math.round(localSeconds * MS_PER_SECOND);
  const candidates = candidateOffsets(tz, local);

  let earliest = Infinity;
  for (const offset of candidates) {
    const instant = local - offset * MS_PER_SECOND;
    if (offsetSecondsAt(tz, instant) === offset) earliest = Math.min(earliest, instant);
  }
  if (earliest !== Infinity) return clamp(earliest);
  return clamp(endOfGap(tz, local, candidates));
}

/**
 * The offsets that may apply around `local`: those a day either side and at the naive instant,
 * plus whatever applies at the instants those offsets point to (so that a shift between the
 * probes is not missed).
 */
function candidateOffsets(tz: string, local: number): number[] {
  const offsets = new Set<number>([
    offsetSecondsAt(tz, local - MS_PER_DAY),
    offsetSecondsAt(tz, local),
    offsetSecondsAt(tz, local + MS_PER_DAY),
  ]);
  for (const offset of [...offsets]) offsets.add(offsetSecondsAt(tz, local - offset * MS_PER_SECOND));
  return [...offsets];
}

/**
 * `local` was skipped: find the first instant whose wall clock is past it. Some candidate instant
 * reads earlier than `local` and some reads later; the shift lies between them.
 */
function endOfGap(tz: string, local: number, candidates: number[]): number {
  let before = -Infinity; // latest candidate instant reading < local
  let after = Infinity; // earliest candidate instant reading >= local
  for (const offset of candidates) {
    const instant = local - offset * MS_PER_SECOND;
    if (localEpochMs(tz, instant) < local) before = Math.max(before, instant);
    else after = Math.min(after, instant);
  }
  // Neither can happen with real zone data; answer something monotonic rather than throw.
  if (after === Infinity) return before;
  if (before === -Infinity || before >= after) return after;
  // Binary search over whole milliseconds for the first instant reading >= local.
  let lo = before;
  let hi = after;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (localEpochMs(tz, mid) >= local) hi = mid;
    else lo = mid;
  }
  return hi;
}

function clamp(ms: number): number {
  return Math.min(MAX_INSTANT_MS, Math.max(MIN_INSTANT_MS, ms));
}
