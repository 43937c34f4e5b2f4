// A zone's UTC offset at an instant, read from Intl and cached per UTC hour: a stats request asks
// for the offset of every row and every bucket, ~1e5 times, and Intl costs microseconds a call.
import { invalidRequest } from '../errors.js';
import { civilToMs, MS_PER_HOUR, MS_PER_SECOND } from './civil-date.js';
import { wallClockFormatter } from './time-zone.js';

/** The range of a JS Date; lookups outside it use the offset at its nearest end. */
export const MIN_INSTANT_MS = -8.64e15;
export const MAX_INSTANT_MS = 8.64e15;

/** A change of offset: `before` applies until `at` (epoch ms), `after` from `at` on. */
export interface OffsetShift {
  at: number;
  before: number;
  after: number;
}

// Per UTC hour: the offset when it is constant through the hour, else the one shift inside it.
// Assumes at most one shift per hour, true of every zone in the tz database.
type HourOffsets = number | OffsetShift;

interface ZoneCache {
  formatter: Intl.DateTimeFormat;
  boundaries: Map<number, number>; // hour index → offset at the start of that hour
  hours: Map<number, HourOffsets>;
}

const MAX_CACHED_ENTRIES = 200_000;
const zones = new Map<string, ZoneCache>();
let cachedEntries = 0;

function zoneCache(tz: string): ZoneCache {
  const cached = zones.get(tz);
  if (cached !== undefined) return cached;
  const formatter = wallClockFormatter(tz);
  if (formatter === undefined) throw invalidRequest(`Unknown time zone: ${tz}`);
  const zone: ZoneCache = { formatter, boundaries: new Map(), hours: new Map() };
  zones.set(tz, zone);
  return zone;
}

function remember(): void {
  cachedEntries += 1;
  if (cachedEntries <= MAX_CACHED_ENTRIES) return;
  // Crude but bounded: a long-running server forgets everything now and then.
  for (const zone of zones.values()) {
    zone.boundaries.clear();
    zone.hours.clear();
  }
  cachedEntries = 0;
}

const WALL_CLOCK = /^(\d{1,2})\/(\d{1,2})\/(\d+) (AD|BC), (\d{1,2}):(\d{2}):(\d{2})$/;

interface WallClockFields {
  era: string | undefined;
  year: string | undefined;
  month: string | undefined;
  day: string | undefined;
  hour: string | undefined;
  minute: string | undefined;
  second: string | undefined;
}

/** The wall-clock reading (ms since local 1970-01-01T00:00) at a whole-second instant. */
function readWallClock(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const match = WALL_CLOCK.exec(formatter.format(epochMs));
  if (match !== null) {
    const [, month, day, year, era, hour, minute, second] = match;
    return wallClockMs({ era, year, month, day, hour, minute, second });
  }
  // Other engines may lay the text out differently: the parts are slower but unambiguous.
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(epochMs)) parts[part.type] = part.value;
  const { era, year, month, day, hour, minute, second } = parts;
  return wallClockMs({ era, year, month, day, hour, minute, second });
}

function wallClockMs(fields: WallClockFields): number {
  const yearOfEra = Number(fields.year);
  // Intl counts years by era: 1 BC is year 0, 2 BC is year -1.
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  const ms = civilToMs({
    year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: 0,
  });
  if (!Number.isFinite(ms)) throw new Error(`Unreadable wall-clock time from Intl: ${JSON.stringify(fields)}`);
  return ms;
}

function clampInstant(ms: number): number {
  return Math.min(MAX_INSTANT_MS, Math.max(MIN_INSTANT_MS, ms));
}

/** Straight from Intl, no cache: the offset in seconds at the whole second containing `ms`. */
function readOffset(formatter: Intl.DateTimeFormat, ms: number): number {
  const second = Math.floor(clampInstant(ms) / MS_PER_SECOND) * MS_PER_SECOND;
  return (readWallClock(formatter, second) - second) / MS_PER_SECOND;
}

function boundaryOffset(zone: ZoneCache, hour: number): number {
  const cached = zone.boundaries.get(hour);
  if (cached !== undefined) return cached;
  const offset = readOffset(zone.formatter, hour * MS_PER_HOUR);
  zone.boundaries.set(hour, offset);
  remember();
  return offset;
}

function hourOffsets(zone: ZoneCache, hour: number): HourOffsets {
  const cached = zone.hours.get(hour);
  if (cached !== undefined) return cached;
  const before = boundaryOffset(zone, hour);
  const atEnd = boundaryOffset(zone, hour + 1);
  const entry = before === atEnd ? before : findShift(zone.formatter, hour * MS_PER_HOUR, before);
  zone.hours.set(hour, entry);
  remember();
  return entry;
}

/** Binary search, in whole seconds, for the first second of the hour whose offset is not `before`. */
function findShift(formatter: Intl.DateTimeFormat, hourStartMs: number, before: number): HourOffsets {
  let lo = hourStartMs; // offset === before
  let hi = hourStartMs + MS_PER_HOUR; // offset !== before
  while (hi - lo > MS_PER_SECOND) {
    const mid = lo + Math.floor((hi - lo) / (2 * MS_PER_SECOND)) * MS_PER_SECOND;
    if (readOffset(formatter, mid) === before) lo = mid;
    else hi = mid;
  }
  // A shift exactly on the next hour belongs to the next hour: this one is constant.
  if (hi === hourStartMs + MS_PER_HOUR) return before;
  return { at: hi, before, after: readOffset(formatter, hi) };
}

function offsetIn(entry: HourOffsets, ms: number): number {
  if (typeof entry === 'number') return entry;
  return ms < entry.at ? entry.before : entry.after;
}

/**
 * The UTC offset of `tz` at the instant `epochMs`, in seconds, east positive (New York in winter:
 * -18000). Historical local mean time keeps its seconds (New York before 1883: -17762), as in
 * PostgreSQL. Instants outside the JS Date range use the offset at its nearest end.
 */
export function offsetSecondsAt(tz: string, epochMs: number): number {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not a finite instant: ${epochMs}`);
  const ms = clampInstant(epochMs);
  return offsetIn(hourOffsets(zoneCache(tz), Math.floor(ms / MS_PER_HOUR)), ms);
}

/** Seconds since local 1970-01-01T00:00 of the wall clock in `tz` at `epochMs` (fractional for ms). */
export function localEpochSeconds(tz: string, epochMs: number): number {
  return epochMs / MS_PER_SECOND + offsetSecondsAt(tz, epochMs);
}

/** The same reading in integer milliseconds (exact for integer `epochMs`). */
export function localEpochMs(tz: string, epochMs: number): number {
  return epochMs + offsetSecondsAt(tz, epochMs) * MS_PER_SECOND;
}

/** Every offset shift of `tz` at an instant in (fromMs, toMs], ascending. */
export function offsetShiftsBetween(tz: string, fromMs: number, toMs: number): OffsetShift[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError('Not a finite range');
  const zone = zoneCache(tz);
  const shifts: OffsetShift[] = [];
  const first = Math.floor(clampInstant(fromMs) / MS_PER_HOUR);
  const last = Math.floor(clampInstant(toMs) / MS_PER_HOUR);
  let previousEnd: number | undefined;
  for (let hour = first; hour <= last; hour += 1) {
    const entry = hourOffsets(zone, hour);
    const start = typeof entry === 'number' ? entry : entry.before;
    if (previousEnd !== undefined && start !== previousEnd) {
      shifts.push({ at: hour * MS_PER_HOUR, before: previousEnd, after: start });
    }
    if (typeof entry !== 'number') shifts.push(entry);
    previousEnd = typeof entry === 'number' ? entry : entry.after;
  }
  return shifts.filter((shift) => shift.at > fromMs && shift.at <= toMs);
}
