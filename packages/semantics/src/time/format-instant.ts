// Writing instants as ISO 8601 / RFC 3339 date-times.
import { type CivilDateTime, msToCivil, MS_PER_SECOND } from './civil-date.js';
import { offsetSecondsAt } from './zone-offset.js';

/** `new Date(ms).toISOString()`: always UTC, always `.sss`, e.g. `2024-03-10T05:00:00.000Z`. */
export function toUtcIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * The instant as wall-clock time in `tz` with that zone's offset at the instant:
 * `2024-03-10T00:00:00-05:00`, `2024-03-10T05:30:00+05:30`, `2024-03-10T00:00:00Z` when the
 * offset is zero. Milliseconds (`.sss`) only when non-zero. Written in UTC (`…Z`) instead when the
 * offset has a seconds part (local mean time before ~1900: RFC 3339 allows only ±HH:MM) or when the
 * local year falls outside 0000–9999.
 */
export function formatInstantInZone(epochMs: number, tz: string): string {
  const instant = Math.floor(epochMs);
  const offset = offsetSecondsAt(tz, instant);
  if (offset % 60 !== 0) return formatUtc(instant);
  const local = msToCivil(instant + offset * MS_PER_SECOND);
  if (local.year < 0 || local.year > 9999) return formatUtc(instant);
  return `${wallClockText(local)}${offsetText(offset)}`;
}

function formatUtc(instant: number): string {
  return `${wallClockText(msToCivil(instant))}Z`;
}

function offsetText(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.abs(offsetSeconds) / 60;
  return `${sign}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

function wallClockText(c: CivilDateTime): string {
  const date = `${yearText(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
  const time = `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
  return c.millisecond === 0 ? `${date}T${time}` : `${date}T${time}.${pad(c.millisecond, 3)}`;
}

// Like toISOString: four digits when they suffice, else a sign and six digits.
function yearText(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
