// Which time zone names the API accepts. A name must be an IANA name that Intl knows AND that
// PostgreSQL reads the same way: offsets ("+05:00"), POSIX strings ("UTC+3", which PostgreSQL reads
// with the opposite sign) and odd characters are refused before Intl is asked.
import { invalidRequest } from '../errors.js';

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
// "UTC+3", "GMT-5", "UT+1": POSIX offset strings, never IANA names (those live under "Etc/").
const POSIX_OFFSET = /^(?:UTC|GMT|UT)[+-]/i;
const MAX_NAME_LENGTH = 64;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The cached formatter that reads wall-clock time in `tz`, or undefined when Intl refuses the
 * name. Proleptic Gregorian, Latin digits, 24-hour clock ('h23': never "24:00"), era for years ≤ 0.
 */
export function wallClockFormatter(tz: string): Intl.DateTimeFormat | undefined {
  const cached = formatters.get(tz);
  if (cached !== undefined) return cached;
  if (!isWellFormedZoneName(tz)) return undefined;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  formatters.set(tz, formatter);
  return formatter;
}

function isWellFormedZoneName(tz: string): boolean {
  return tz.length <= MAX_NAME_LENGTH && ZONE_NAME.test(tz) && !POSIX_OFFSET.test(tz);
}

/** True when `tz` is a time zone name the API accepts. */
export function isKnownTimeZone(tz: string): boolean {
  return wallClockFormatter(tz) !== undefined;
}

/** Throws a 400 unless `tz` is an accepted IANA time zone name. */
export function assertTimeZone(tz: string): void {
  if (!isKnownTimeZone(tz)) throw invalidRequest(`Unknown time zone: ${tz}`);
}

/**
 * The zone's canonical ID according to this runtime's Intl (e.g. "CET" → "Europe/Brussels",
 * "america/new_york" → "America/New_York"). Give this name to PostgreSQL, not the requested one:
 * PostgreSQL reads bare abbreviations such as "CET" or "EST" as fixed offsets, while Intl reads
 * them as zones with daylight saving time. Engines differ in which alias they call canonical, so
 * never echo it to clients. Throws the same 400 as assertTimeZone.
 */
export function canonicalTimeZone(tz: string): string {
  const formatter = wallClockFormatter(tz);
  if (formatter === undefined) throw invalidRequest(`Unknown time zone: ${tz}`);
  return formatter.resolvedOptions().timeZone;
}
