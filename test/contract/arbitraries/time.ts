// Instants and zones for the differential test: rows and windows cluster around DST changes
// (whole-hour and half-hour shifts, both directions, both hemispheres) and one quiet date.
import fc from 'fast-check';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Instants of 2024's DST changes (and one date without any), UTC. */
export const ANCHORS_MS: readonly number[] = [
  '2024-03-10T07:00:00Z', // US spring forward
  '2024-11-03T06:00:00Z', // US fall back
  '2024-03-31T01:00:00Z', // EU spring forward
  '2024-10-27T01:00:00Z', // EU fall back
  '2024-04-06T15:00:00Z', // Lord Howe (30 min) and south-east Australia fall back
  '2024-10-05T16:00:00Z', // south-east Australia spring forward
  '2024-09-28T14:00:00Z', // New Zealand and Chatham spring forward
  '2024-06-01T00:00:00Z', // no change anywhere listed
].map((iso) => Date.parse(iso));

/** Zones both sides must agree on, with odd offsets and DST rules on purpose. */
export const VALID_TIME_ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Etc/GMT+5',
  'US/Eastern',
  'utc',
  'europe/berlin',
] as const;

/** Names that are not IANA zones (400), or not the way SEMANTICS.md asks for them. */
export const INVALID_TIME_ZONES = ['Mars/Olympus_Mons', 'America/New York', '', 'UTC+1'] as const;

export const anchorArb = fc.constantFrom(...ANCHORS_MS);

/** An offset from an anchor: whole hours, whole minutes, or any millisecond, within ±`days`. */
export function offsetArb(days: number): fc.Arbitrary<number> {
  const hours = Math.round(days * 24);
  return fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: -hours, max: hours }).map((h) => h * HOUR_MS) },
    { weight: 2, arbitrary: fc.integer({ min: -hours * 60, max: hours * 60 }).map((m) => m * 60_000) },
    { weight: 3, arbitrary: fc.integer({ min: -hours * HOUR_MS, max: hours * HOUR_MS }) },
  );
}

/** Offsets that cluster near the anchor (the DST change) half of the time. */
export function nearAnchorArb(days: number): fc.Arbitrary<number> {
  return fc.oneof(offsetArb(0.25), offsetArb(days));
}

/** An instant written as RFC 3339: in UTC, or in a fixed offset, with or without milliseconds. */
export function isoArb(epochMs: number): fc.Arbitrary<string> {
  return fc.constantFrom(0, 0, 0, -300, 330, 60).map((offsetMinutes) => formatWithOffset(epochMs, offsetMinutes));
}

export function formatWithOffset(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const MS = { HOUR: HOUR_MS, DAY: DAY_MS } as const;
