// Parsing the RFC 3339 date-times of requests (what the schema's `format: date-time` accepts) to
// epoch milliseconds, without Date.parse, whose leniency differs between engines.
import { civilToMs, daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_MINUTE } from './civil-date.js';

// date, `T`/`t`/space, hh:mm:ss, optional fraction of any length, then `Z`/`z` or ±hh[[:]mm].
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: instants a 4-digit year can write in UTC. */
export const EARLIEST_DATE_TIME_MS = daysFromCivil(0, 1, 1) * MS_PER_DAY;
export const LATEST_DATE_TIME_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY - 1;

/**
 * Epoch ms of an RFC 3339 date-time with an offset (`2024-03-10T00:00:00-05:00`,
 * `2024-03-10T05:00:00.123456Z`), or null when the text is not one. Fractions beyond milliseconds
 * are cut off (toward the earlier millisecond). A leap second (`:60`) rolls into the next minute,
 * as in PostgreSQL. Instants whose UTC year is outside 0000–9999 are refused (null).
 */
export function parseDateTime(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, sign, offsetHourText, offsetMinuteText] =
    match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;

  const offsetHours = Number(offsetHourText ?? '0');
  const offsetMinutes = Number(offsetMinuteText ?? '0');
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;

  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const epochMs = civilToMs({ year, month, day, hour, minute, second, millisecond }) - offsetMs;
  if (epochMs < EARLIEST_DATE_TIME_MS || epochMs > LATEST_DATE_TIME_MS) return null;
  return epochMs;
}
