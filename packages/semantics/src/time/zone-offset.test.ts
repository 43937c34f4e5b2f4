import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { localEpochMs, localEpochSeconds, MAX_INSTANT_MS, offsetSecondsAt, offsetShiftsBetween } from './zone-offset.js';

const at = (iso: string): number => Date.parse(iso);

function yearStart(year: number, month = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 15);
  return d.getTime();
}

describe('offsetSecondsAt', () => {
  it('reads standard and daylight time, east positive', () => {
    expect(offsetSecondsAt('America/New_York', at('2024-01-15T12:00:00Z'))).toBe(-18_000);
    expect(offsetSecondsAt('America/New_York', at('2024-07-15T12:00:00Z'))).toBe(-14_400);
    expect(offsetSecondsAt('Asia/Kolkata', at('2024-07-15T12:00:00Z'))).toBe(19_800);
    expect(offsetSecondsAt('Asia/Kathmandu', at('2024-07-15T12:00:00Z'))).toBe(20_700);
    expect(offsetSecondsAt('UTC', at('2024-07-15T12:00:00Z'))).toBe(0);
    // POSIX sign convention of the Etc zones: GMT+5 is five hours WEST.
    expect(offsetSecondsAt('Etc/GMT+5', at('2024-07-15T12:00:00Z'))).toBe(-18_000);
  });

  it('switches exactly at the transition instant, to the millisecond', () => {
    const ny = 'America/New_York';
    expect(offsetSecondsAt(ny, at('2024-03-10T06:59:59.999Z'))).toBe(-18_000);
    expect(offsetSecondsAt(ny, at('2024-03-10T07:00:00.000Z'))).toBe(-14_400);
    expect(offsetSecondsAt(ny, at('2024-11-03T05:59:59.999Z'))).toBe(-14_400);
    expect(offsetSecondsAt(ny, at('2024-11-03T06:00:00.000Z'))).toBe(-18_000);
  });

  it('finds a shift in the middle of a UTC hour (Lord Howe: 02:00 at +10:30 is 15:30Z)', () => {
    const lordHowe = 'Australia/Lord_Howe';
    expect(offsetSecondsAt(lordHowe, at('2024-10-05T15:29:59.999Z'))).toBe(37_800);
    expect(offsetSecondsAt(lordHowe, at('2024-10-05T15:30:00.000Z'))).toBe(39_600);
    expect(offsetSecondsAt(lordHowe, at('2024-10-05T15:00:00.000Z'))).toBe(37_800);
    expect(offsetSecondsAt(lordHowe, at('2024-10-05T15:59:59.000Z'))).toBe(39_600);
  });

  it('keeps the seconds of local mean time, as PostgreSQL does', () => {
    expect(offsetSecondsAt('America/New_York', at('1800-01-01T12:00:00Z'))).toBe(-17_762); // -4:56:02
    expect(offsetSecondsAt('Asia/Kolkata', at('1900-07-01T12:00:00Z'))).toBe(19_270); // +5:21:10
  });

  it('handles years below 1000, before year 1 and above 9999', () => {
    expect(offsetSecondsAt('America/New_York', yearStart(500))).toBe(-17_762);
    expect(offsetSecondsAt('America/New_York', yearStart(-500))).toBe(-17_762);
    expect(offsetSecondsAt('America/New_York', yearStart(10_000, 6))).toBe(-14_400);
    expect(offsetSecondsAt('America/New_York', yearStart(10_000, 0))).toBe(-18_000);
  });

  it('clamps instants outside the Date range to its ends', () => {
    expect(offsetSecondsAt('America/New_York', 1e17)).toBe(offsetSecondsAt('America/New_York', MAX_INSTANT_MS));
    expect(offsetSecondsAt('America/New_York', -1e17)).toBe(-17_762);
    expect(() => offsetSecondsAt('UTC', Number.NaN)).toThrow(RangeError);
    expect(() => offsetSecondsAt('UTC', Infinity)).toThrow(RangeError);
  });

  it('refuses an unknown zone with a 400', () => {
    expect(() => offsetSecondsAt('Nowhere/Else', 0)).toThrow(ApiError);
  });

  it('answers the same from the cache as cold, hour after hour', () => {
    // Every 7 minutes through both 2024 transitions, compared with what Intl says directly.
    const formatter = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' });
    const direct = (ms: number): string => formatter.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
    for (const [from, to] of [
      ['2024-03-09T00:00:00Z', '2024-03-11T00:00:00Z'],
      ['2024-11-02T00:00:00Z', '2024-11-04T00:00:00Z'],
    ] as const) {
      for (let ms = at(from); ms < at(to); ms += 7 * 60_000) {
        const hours = -offsetSecondsAt('America/New_York', ms) / 3600;
        expect(direct(ms)).toBe(`GMT-0${hours}:00`);
      }
    }
  });

  it('is fast enough for one call per row (1e5 calls over a month)', () => {
    const start = at('2024-10-15T00:00:00Z');
    const begun = performance.now();
    let sum = 0;
    for (let i = 0; i < 100_000; i += 1) sum += offsetSecondsAt('America/New_York', start + i * 26_783);
    expect(sum).toBeLessThan(0);
    expect(performance.now() - begun).toBeLessThan(1000);
  });
});

describe('localEpochSeconds / localEpochMs', () => {
  it('reads the wall clock as seconds since local 1970-01-01T00:00', () => {
    // 2024-03-10T04:59:59.999Z is 23:59:59.999 on 9 March in New York.
    expect(localEpochMs('America/New_York', at('2024-03-10T04:59:59.999Z'))).toBe(Date.UTC(2024, 2, 9, 23, 59, 59, 999));
    expect(localEpochSeconds('America/New_York', at('2024-03-10T04:59:59.999Z'))).toBeCloseTo(1_710_028_799.999, 6);
    expect(localEpochSeconds('Asia/Kolkata', at('2024-03-10T00:00:00Z'))).toBe(Date.UTC(2024, 2, 10, 5, 30) / 1000);
  });
});

describe('offsetShiftsBetween', () => {
  it('lists the two New York shifts of 2024', () => {
    expect(offsetShiftsBetween('America/New_York', at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'))).toEqual([
      { at: at('2024-03-10T07:00:00Z'), before: -18_000, after: -14_400 },
      { at: at('2024-11-03T06:00:00Z'), before: -14_400, after: -18_000 },
    ]);
  });

  it('places a mid-hour shift exactly', () => {
    expect(offsetShiftsBetween('Australia/Lord_Howe', at('2024-10-01T00:00:00Z'), at('2024-10-10T00:00:00Z'))).toEqual([
      { at: at('2024-10-05T15:30:00Z'), before: 37_800, after: 39_600 },
    ]);
  });

  it('takes the range as (from, to]', () => {
    const shift = at('2024-03-10T07:00:00Z');
    expect(offsetShiftsBetween('America/New_York', shift, shift + 3_600_000)).toEqual([]);
    expect(offsetShiftsBetween('America/New_York', shift - 1, shift)).toHaveLength(1);
  });

  it('finds none in a zone without daylight saving time', () => {
    expect(offsetShiftsBetween('Asia/Kolkata', at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'))).toEqual([]);
  });
});
