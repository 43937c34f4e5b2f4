import { describe, expect, it } from 'vitest';
import { earliestInstantAtOrAfterLocal } from './local-to-instant.js';
import { localEpochMs, offsetShiftsBetween } from './zone-offset.js';

/** Local seconds of a wall-clock reading. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) / 1000;
const at = (iso: string): number => Date.parse(iso);

describe('earliestInstantAtOrAfterLocal', () => {
  it('maps an ordinary local time to its one instant', () => {
    expect(earliestInstantAtOrAfterLocal('America/New_York', local(2024, 7, 1, 12))).toBe(at('2024-07-01T16:00:00Z'));
    expect(earliestInstantAtOrAfterLocal('Asia/Kolkata', local(2024, 3, 10, 6))).toBe(at('2024-03-10T00:30:00Z'));
    expect(earliestInstantAtOrAfterLocal('UTC', local(2024, 3, 10, 6, 0, 0, 7))).toBe(at('2024-03-10T06:00:00.007Z'));
  });

  it('takes the first (daylight-time) instant of a repeated local time', () => {
    const ny = 'America/New_York';
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 11, 3, 1))).toBe(at('2024-11-03T05:00:00Z'));
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 11, 3, 1, 30))).toBe(at('2024-11-03T05:30:00Z'));
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 11, 3, 1, 59, 59, 999))).toBe(at('2024-11-03T05:59:59.999Z'));
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 11, 3, 2))).toBe(at('2024-11-03T07:00:00Z'));
  });

  it('answers the end of the gap for a skipped local time', () => {
    const ny = 'America/New_York';
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 3, 10, 1, 59, 59, 999))).toBe(at('2024-03-10T06:59:59.999Z'));
    for (const minute of [0, 1, 30, 59]) {
      expect(earliestInstantAtOrAfterLocal(ny, local(2024, 3, 10, 2, minute))).toBe(at('2024-03-10T07:00:00Z'));
    }
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 3, 10, 3))).toBe(at('2024-03-10T07:00:00Z'));
    expect(earliestInstantAtOrAfterLocal(ny, local(2024, 3, 10, 3, 0, 0, 1))).toBe(at('2024-03-10T07:00:00.001Z'));
  });

  it('handles a skipped midnight, a half-hour gap and a skipped day', () => {
    expect(earliestInstantAtOrAfterLocal('America/Santiago', local(2024, 9, 8))).toBe(at('2024-09-08T04:00:00Z'));
    expect(earliestInstantAtOrAfterLocal('America/Havana', local(2024, 3, 10))).toBe(at('2024-03-10T05:00:00Z'));
    expect(earliestInstantAtOrAfterLocal('Australia/Lord_Howe', local(2024, 10, 6, 2, 15))).toBe(at('2024-10-05T15:30:00Z'));
    // Samoa skipped 30 December 2011 entirely: 29 Dec 24:00 at -10 became 31 Dec 00:00 at +14.
    expect(earliestInstantAtOrAfterLocal('Pacific/Apia', local(2011, 12, 30, 12))).toBe(at('2011-12-30T10:00:00Z'));
    expect(earliestInstantAtOrAfterLocal('Pacific/Apia', local(2011, 12, 29, 23, 59, 59))).toBe(at('2011-12-30T09:59:59Z'));
  });

  it('agrees with a brute-force scan around every shift of several zones', () => {
    for (const tz of ['America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Europe/London']) {
      for (const shift of offsetShiftsBetween(tz, at('2023-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'))) {
        // Every second of three hours either side, with its wall-clock reading.
        const readings: [instant: number, localMs: number][] = [];
        for (let t = shift.at - 3 * 3_600_000; t <= shift.at + 3 * 3_600_000; t += 1000) readings.push([t, localEpochMs(tz, t)]);
        const from = localEpochMs(tz, shift.at - 2 * 3_600_000);
        const to = localEpochMs(tz, shift.at + 2 * 3_600_000) - 3_600_000;
        for (let target = Math.ceil(from / 300_000) * 300_000; target <= to; target += 300_000) {
          const brute = readings.find(([, reading]) => reading >= target)?.[0];
          expect(earliestInstantAtOrAfterLocal(tz, target / 1000), `${tz} ${new Date(target).toISOString()}`).toBe(brute);
        }
      }
    }
  });

  it('refuses non-finite local times', () => {
    expect(() => earliestInstantAtOrAfterLocal('UTC', Number.NaN)).toThrow(RangeError);
  });
});
