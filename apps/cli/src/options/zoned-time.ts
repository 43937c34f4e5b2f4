// Local wall-clock times in an IANA zone, with Intl only: the offset of a zone at an instant, and
// the instant of a wall-clock time (the earlier one in a repeated hour, shifted past a gap).

// Building a formatter costs far more than using one: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in minutes (New York in winter: -300). */
export function offsetMinutes(zone: string, ms: number): number {
  const parts = wallClock(zone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant at which the zone's clocks show the wall time `wallAsUtcMs` (fields read as if UTC). */
export function zonedToInstant(zone: string, wallAsUtcMs: number): number {
  // Two rounds settle on the offset in force at the answer (they differ only near a transition).
  let guess = wallAsUtcMs - offsetMinutes(zone, wallAsUtcMs) * 60_000;
  guess = wallAsUtcMs - offsetMinutes(zone, guess) * 60_000;
  return guess;
}

export interface OffsetChange {
  /** The first instant of the new offset, to the minute. */
  atMs: number;
  fromMinutes: number;
  toMinutes: number;
}

/** Every change of the zone's offset in [startMs, endMs), found hour by hour then to the minute. */
export function offsetChanges(zone: string, startMs: number, endMs: number): OffsetChange[] {
  const found: OffsetChange[] = [];
  const HOUR = 3_600_000;
  let prev = offsetMinutes(zone, startMs);
  for (let t = startMs + HOUR; t < endMs + HOUR; t += HOUR) {
    const at = Math.min(t, endMs);
    const now = offsetMinutes(zone, at);
    if (now !== prev) {
      let lo = at - HOUR;
      let hi = at;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetMinutes(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      found.push({ atMs: hi, fromMinutes: prev, toMinutes: now });
      prev = now;
    }
    if (at === endMs) break;
  }
  return found;
}

/** "UTC-05:00" for -300. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
