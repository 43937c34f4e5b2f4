import { describe, expect, it } from 'vitest';
import { isApiError } from '../errors.js';
import { bucketGrid, bucketKeyOf } from './bucket-grid.js';
import { resolveGranularity } from './granularity.js';
import { earliestInstantAtOrAfterLocal } from './local-to-instant.js';

const at = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The grid as [timestamp, UTC start] pairs: easy to read against a calendar. */
function grid(startIso: string, endIso: string, granularity: number, timeZone: string): [string, string][] {
  return bucketGrid({ startMs: at(startIso), endMs: at(endIso), granularity, timeZone }).map((slot) => [
    slot.timestamp,
    new Date(slot.startMs).toISOString(),
  ]);
}

describe('bucketKeyOf', () => {
  // Each expected key was computed by PostgreSQL:
  // floor(extract(epoch from ('<instant>'::timestamptz AT TIME ZONE '<tz>')) / g) * g
  it.each([
    ['2024-11-03T05:10:00Z', 'America/New_York', 1800, 1_730_595_600], // 01:10 EDT
    ['2024-11-03T06:10:00Z', 'America/New_York', 1800, 1_730_595_600], // 01:10 EST: same key
    ['2024-11-03T06:10:00Z', 'America/New_York', 3600, 1_730_595_600],
    ['2024-03-10T06:59:59.999Z', 'America/New_York', 3600, 1_710_032_400], // 01:59:59.999 EST
    ['2024-03-10T07:00:00Z', 'America/New_York', 3600, 1_710_039_600], // 03:00 EDT
    ['2024-03-10T04:59:59.999Z', 'America/New_York', 86_400, 1_709_942_400], // 9 March, last ms
    ['2024-03-10T05:00:00Z', 'America/New_York', 86_400, 1_710_028_800], // 10 March 00:00
    ['2024-11-04T04:59:59.999Z', 'America/New_York', 86_400, 1_730_592_000], // end of the 25-hour day
    ['2024-03-10T05:45:00Z', 'Asia/Kolkata', 3600, 1_710_068_400],
    ['2024-09-08T04:00:00Z', 'America/Santiago', 86_400, 1_725_753_600],
    ['2024-09-08T03:59:59.999Z', 'America/Santiago', 86_400, 1_725_667_200],
    ['1800-01-01T12:00:00Z', 'America/New_York', 1, -5_364_636_962], // LMT, -4:56:02
    ['2024-03-10T04:59:59.999Z', 'UTC', 300, 1_710_046_500],
    ['1969-12-31T23:59:59.999Z', 'UTC', 300, -300],
    ['2024-07-01T12:00:00Z', 'Etc/GMT+5', 3600, 1_719_817_200],
  ])('%s in %s at %i s → %i (as PostgreSQL)', (iso, tz, granularity, expected) => {
    expect(bucketKeyOf(at(iso), granularity, tz)).toBe(expected);
  });

  it('puts 01:10 EST and 01:10 EDT of the repeated hour in the same 30-minute bucket', () => {
    const edt = bucketKeyOf(at('2024-11-03T01:10:00-04:00'), 1800, 'America/New_York');
    const est = bucketKeyOf(at('2024-11-03T01:10:00-05:00'), 1800, 'America/New_York');
    expect(est).toBe(edt);
    expect(edt).toBe(Date.UTC(2024, 10, 3, 1) / 1000);
  });

  it('refuses a granularity that is not a positive integer', () => {
    expect(() => bucketKeyOf(0, 0, 'UTC')).toThrow(RangeError);
    expect(() => bucketKeyOf(0, 1.5, 'UTC')).toThrow(RangeError);
  });
});

describe('bucketGrid', () => {
  it('gives New York a 23-hour day on 2024-03-10', () => {
    expect(grid('2024-03-09T05:00:00Z', '2024-03-12T04:00:00Z', 86_400, 'America/New_York')).toEqual([
      ['2024-03-09T00:00:00-05:00', '2024-03-09T05:00:00.000Z'],
      ['2024-03-10T00:00:00-05:00', '2024-03-10T05:00:00.000Z'],
      ['2024-03-11T00:00:00-04:00', '2024-03-11T04:00:00.000Z'],
    ]);
    const slots = bucketGrid({ startMs: at('2024-03-09T05:00:00Z'), endMs: at('2024-03-12T04:00:00Z'), granularity: 86_400, timeZone: 'America/New_York' });
    expect(slots.map((s) => s.key)).toEqual([1_709_942_400, 1_710_028_800, 1_710_115_200]);
    expect((slots[2]?.startMs ?? 0) - (slots[1]?.startMs ?? 0)).toBe(23 * HOUR);
  });

  it('gives New York a 25-hour day on 2024-11-03', () => {
    expect(grid('2024-11-02T04:00:00Z', '2024-11-05T05:00:00Z', 86_400, 'America/New_York')).toEqual([
      ['2024-11-02T00:00:00-04:00', '2024-11-02T04:00:00.000Z'],
      ['2024-11-03T00:00:00-04:00', '2024-11-03T04:00:00.000Z'],
      ['2024-11-04T00:00:00-05:00', '2024-11-04T05:00:00.000Z'],
    ]);
  });

  it('has no 02:00 bucket on the spring-forward night', () => {
    expect(grid('2024-03-10T05:00:00Z', '2024-03-10T09:00:00Z', 3600, 'America/New_York')).toEqual([
      ['2024-03-10T00:00:00-05:00', '2024-03-10T05:00:00.000Z'],
      ['2024-03-10T01:00:00-05:00', '2024-03-10T06:00:00.000Z'],
      ['2024-03-10T03:00:00-04:00', '2024-03-10T07:00:00.000Z'],
      ['2024-03-10T04:00:00-04:00', '2024-03-10T08:00:00.000Z'],
    ]);
    // At 30 minutes neither 02:00 nor 02:30 exists.
    expect(grid('2024-03-10T06:00:00Z', '2024-03-10T08:00:00Z', 1800, 'America/New_York').map(([ts]) => ts)).toEqual([
      '2024-03-10T01:00:00-05:00',
      '2024-03-10T01:30:00-05:00',
      '2024-03-10T03:00:00-04:00',
      '2024-03-10T03:30:00-04:00',
    ]);
  });

  it('lets the 01:00 bucket span two real hours on the fall-back night', () => {
    expect(grid('2024-11-03T04:00:00Z', '2024-11-03T08:00:00Z', 3600, 'America/New_York')).toEqual([
      ['2024-11-03T00:00:00-04:00', '2024-11-03T04:00:00.000Z'],
      ['2024-11-03T01:00:00-04:00', '2024-11-03T05:00:00.000Z'],
      ['2024-11-03T02:00:00-05:00', '2024-11-03T07:00:00.000Z'],
    ]);
    expect(grid('2024-11-03T05:00:00Z', '2024-11-03T08:00:00Z', 1800, 'America/New_York')).toEqual([
      ['2024-11-03T01:00:00-04:00', '2024-11-03T05:00:00.000Z'],
      ['2024-11-03T01:30:00-04:00', '2024-11-03T05:30:00.000Z'],
      ['2024-11-03T02:00:00-05:00', '2024-11-03T07:00:00.000Z'],
      ['2024-11-03T02:30:00-05:00', '2024-11-03T07:30:00.000Z'],
    ]);
  });

  it('starts early enough for the repeated hour when the window begins inside the first pass', () => {
    // 01:30 EDT to 02:00 EST. Rows from 01:00 to 01:29 EST read 01:00: that bucket must exist.
    const slots = bucketGrid({ startMs: at('2024-11-03T05:30:00Z'), endMs: at('2024-11-03T07:00:00Z'), granularity: 1800, timeZone: 'America/New_York' });
    expect(slots.map((s) => s.timestamp)).toEqual(['2024-11-03T01:00:00-04:00', '2024-11-03T01:30:00-04:00']);
    const keys = slots.map((s) => s.key);
    expect(keys).toContain(bucketKeyOf(at('2024-11-03T06:10:00Z'), 1800, 'America/New_York'));
  });

  it('aligns Asia/Kolkata hours at local :00, which is UTC :30', () => {
    expect(grid('2024-03-10T00:00:00Z', '2024-03-10T03:00:00Z', 3600, 'Asia/Kolkata')).toEqual([
      ['2024-03-10T05:00:00+05:30', '2024-03-09T23:30:00.000Z'],
      ['2024-03-10T06:00:00+05:30', '2024-03-10T00:30:00.000Z'],
      ['2024-03-10T07:00:00+05:30', '2024-03-10T01:30:00.000Z'],
      ['2024-03-10T08:00:00+05:30', '2024-03-10T02:30:00.000Z'],
    ]);
  });

  it('is the epoch-aligned grid in UTC', () => {
    const startMs = at('2024-05-17T13:47:12.345Z');
    const endMs = startMs + 3 * DAY + 12_345;
    for (const granularity of [60, 268, 300, 3600, 5400, 86_400, 7 * 86_400]) {
      const expected = [];
      for (let key = Math.floor(startMs / 1000 / granularity) * granularity; key * 1000 < endMs; key += granularity) {
        expected.push({ key, startMs: key * 1000, timestamp: new Date(key * 1000).toISOString().replace('.000Z', 'Z') });
      }
      expect(bucketGrid({ startMs, endMs, granularity, timeZone: 'UTC' })).toEqual(expected);
    }
  });

  it('begins with the bucket containing start, even when it begins before start', () => {
    expect(grid('2024-03-10T10:20:00Z', '2024-03-10T12:00:00Z', 3600, 'UTC').map(([ts]) => ts)).toEqual([
      '2024-03-10T10:00:00Z',
      '2024-03-10T11:00:00Z',
    ]);
  });

  it('excludes a bucket beginning exactly at end, includes one beginning a millisecond before', () => {
    expect(grid('2024-03-10T10:00:00Z', '2024-03-10T13:00:00Z', 3600, 'UTC')).toHaveLength(3);
    expect(grid('2024-03-10T10:00:00Z', '2024-03-10T13:00:00.001Z', 3600, 'UTC')).toHaveLength(4);
  });

  it('gives an empty window at a boundary no bucket, and one inside a bucket that bucket', () => {
    expect(grid('2024-03-10T10:00:00Z', '2024-03-10T10:00:00Z', 3600, 'UTC')).toEqual([]);
    expect(grid('2024-03-10T10:30:00Z', '2024-03-10T10:30:00Z', 3600, 'UTC')).toEqual([
      ['2024-03-10T10:00:00Z', '2024-03-10T10:00:00.000Z'],
    ]);
  });

  it('still forms a day whose midnight was skipped (Santiago, Havana), from the end of the gap', () => {
    expect(grid('2024-09-07T04:00:00Z', '2024-09-09T03:00:00Z', 86_400, 'America/Santiago')).toEqual([
      ['2024-09-07T00:00:00-04:00', '2024-09-07T04:00:00.000Z'],
      ['2024-09-08T01:00:00-03:00', '2024-09-08T04:00:00.000Z'],
    ]);
    expect(grid('2024-03-09T05:00:00Z', '2024-03-11T04:00:00Z', 86_400, 'America/Havana')).toEqual([
      ['2024-03-09T00:00:00-05:00', '2024-03-09T05:00:00.000Z'],
      ['2024-03-10T01:00:00-04:00', '2024-03-10T05:00:00.000Z'],
    ]);
    // Hourly, the skipped 00:00 forms no bucket: 01:00 begins at the same instant.
    expect(grid('2024-09-08T02:00:00Z', '2024-09-08T06:00:00Z', 3600, 'America/Santiago').map(([ts]) => ts)).toEqual([
      '2024-09-07T22:00:00-04:00',
      '2024-09-07T23:00:00-04:00',
      '2024-09-08T01:00:00-03:00',
      '2024-09-08T02:00:00-03:00',
    ]);
  });

  it('holds every row of the window in a bucket that began no later than the row', () => {
    const failures: string[] = [];
    for (const timeZone of ['America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata']) {
      for (const granularity of [300, 1800, 3600, 5400, 86_400]) {
        // Windows starting before, on and inside the 2024 shifts of these zones.
        for (const startMs of [
          at('2024-01-01T00:00:00Z'),
          at('2024-03-10T06:30:00Z'),
          at('2024-11-03T05:45:00Z'),
          at('2024-04-06T15:20:00Z'),
          at('2024-10-05T15:10:00Z'),
          at('2024-04-07T02:30:00Z'),
        ]) {
          const endMs = startMs + Math.min(31 * DAY, granularity * 1000 * 2000);
          const slots = bucketGrid({ startMs, endMs, granularity, timeZone });
          const label = `${timeZone} g=${granularity} from ${new Date(startMs).toISOString()}`;
          if (slots.some((slot, i) => i > 0 && slot.startMs <= (slots[i - 1]?.startMs ?? -Infinity))) failures.push(`${label}: not ascending`);
          if ((slots[0]?.startMs ?? Infinity) > startMs) failures.push(`${label}: first bucket begins after start`);
          const byKey = new Map(slots.map((slot) => [slot.key, slot]));
          for (let t = startMs; t < endMs; t += 123_457) {
            const slot = byKey.get(bucketKeyOf(t, granularity, timeZone));
            if (slot === undefined || slot.startMs > t) failures.push(`${label}: row ${new Date(t).toISOString()}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('starts every slot where earliestInstantAtOrAfterLocal says its key begins', () => {
    for (const timeZone of ['America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata']) {
      const startMs = at('2011-12-20T00:00:00Z');
      const slots = bucketGrid({ startMs, endMs: startMs + 31 * DAY, granularity: 900, timeZone });
      const mismatches = slots.filter((slot) => slot.startMs !== earliestInstantAtOrAfterLocal(timeZone, slot.key));
      expect(mismatches).toEqual([]);
    }
  });

  it('builds 10,000 slots quickly', () => {
    const startMs = at('2024-10-15T00:00:00Z');
    const endMs = startMs + 31 * DAY;
    const granularity = resolveGranularity(60, endMs - startMs);
    bucketGrid({ startMs, endMs, granularity, timeZone: 'America/New_York' }); // warm the offset cache
    const begun = performance.now();
    const slots = bucketGrid({ startMs, endMs, granularity, timeZone: 'America/New_York' });
    // ~25 ms on a busy two-core machine; the bound only catches a tenfold regression.
    expect(performance.now() - begun).toBeLessThan(250);
    // Local keys from the one holding 14 Oct 20:00 EDT up to the last before 14 Nov 19:00 EST
    // (the repeated hour of 3 November adds no key).
    const firstKey = Math.floor(Date.UTC(2024, 9, 14, 20) / 1000 / 268) * 268;
    expect(slots[0]?.key).toBe(firstKey);
    expect(slots).toHaveLength(Math.ceil((Date.UTC(2024, 10, 14, 19) / 1000 - firstKey) / 268));
  });

  it('refuses a granularity that would make more than 10,000 buckets', () => {
    expect(() => bucketGrid({ startMs: 0, endMs: 10_001_000, granularity: 1, timeZone: 'UTC' })).toThrow(RangeError);
    expect(bucketGrid({ startMs: 0, endMs: 10_000_000, granularity: 1, timeZone: 'UTC' })).toHaveLength(10_000);
  });
});

describe('bucketGrid: keys stay within years 0001–9999', () => {
  const refusal = (args: Parameters<typeof bucketGrid>[0]): string => {
    try {
      bucketGrid(args);
    } catch (err) {
      if (isApiError(err) && err.status === 400) return err.message;
      throw err;
    }
    throw new Error('the grid was laid out');
  };

  it('refuses a huge granularity whose bucket before 1970 would begin before year 0001 (never moves it)', () => {
    // local 1969-12-31T19:00 in New York: the key is −g, about 3,169 years before 1970
    const startMs = at('1970-01-01T00:00:00Z');
    expect(refusal({ startMs, endMs: startMs + HOUR, granularity: 100_000_000_000, timeZone: 'America/New_York' })).toMatch(
      /^With granularity 100000000000 the bucket grid of this window needs a bucket beginning before year 0001 \(local time\); buckets must begin within years 0001–9999\./,
    );
    // the same granularity after 1970 in UTC: one bucket, from 1970
    expect(grid('1970-01-01T00:00:00Z', '1970-01-01T01:00:00Z', 100_000_000_000, 'UTC')).toEqual([['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z']]);
    // and up to the largest granularity there is
    expect(grid('2024-06-01T00:00:00Z', '2024-06-01T01:00:00Z', Number.MAX_SAFE_INTEGER, 'UTC')).toEqual([['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z']]);
    expect(refusal({ startMs: at('1969-12-31T23:00:00Z'), endMs: at('1970-01-01T01:00:00Z'), granularity: Number.MAX_SAFE_INTEGER, timeZone: 'UTC' })).toMatch(/before year 0001/);
  });

  it('refuses a window in year 0000, and one whose first bucket would begin there', () => {
    expect(refusal({ startMs: at('0000-06-01T00:00:00Z'), endMs: at('0000-06-02T00:00:00Z'), granularity: 3600, timeZone: 'UTC' })).toMatch(/before year 0001/);
    // 0001-01-01T00:00Z is 0000-12-31T19:00 in New York (local mean time then: −4:56:02)
    expect(refusal({ startMs: at('0001-01-01T00:00:00Z'), endMs: at('0001-01-01T06:00:00Z'), granularity: 3600, timeZone: 'America/New_York' })).toMatch(/before year 0001/);
  });

  it('lays out the earliest and the latest grid there is', () => {
    expect(grid('0001-01-01T00:00:00Z', '0001-01-01T02:00:00Z', 3600, 'UTC')).toEqual([
      ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
      ['0001-01-01T01:00:00Z', '0001-01-01T01:00:00.000Z'],
    ]);
    expect(grid('9999-12-31T22:00:00Z', '9999-12-31T23:59:59.999Z', 3600, 'UTC')).toEqual([
      ['9999-12-31T22:00:00Z', '9999-12-31T22:00:00.000Z'],
      ['9999-12-31T23:00:00Z', '9999-12-31T23:00:00.000Z'],
    ]);
  });

  it('refuses a window whose local time reaches year 10000', () => {
    // 9999-12-31T12:00Z is 10000-01-01T02:00 in Kiritimati (+14:00)
    expect(refusal({ startMs: at('9999-12-31T00:00:00Z'), endMs: at('9999-12-31T23:00:00Z'), granularity: 3600, timeZone: 'Pacific/Kiritimati' })).toMatch(
      /needs a bucket beginning after year 9999/,
    );
    // the part before local midnight is fine
    expect(bucketGrid({ startMs: at('9999-12-31T00:00:00Z'), endMs: at('9999-12-31T10:00:00Z'), granularity: 3600, timeZone: 'Pacific/Kiritimati' })).toHaveLength(10);
  });

  it('checks only the keys the grid holds (an empty window at a boundary holds none)', () => {
    expect(bucketGrid({ startMs: 0, endMs: 0, granularity: Number.MAX_SAFE_INTEGER, timeZone: 'UTC' })).toEqual([]);
    expect(refusal({ startMs: -1, endMs: -1, granularity: Number.MAX_SAFE_INTEGER, timeZone: 'UTC' })).toMatch(/before year 0001/);
  });
});
