import { describe, expect, it } from 'vitest';
import { EARLIEST_DATE_TIME_MS, LATEST_DATE_TIME_MS, parseDateTime } from './parse-date-time.js';

const utc = (iso: string): number => Date.parse(iso);

describe('parseDateTime', () => {
  it.each([
    ['2024-03-10T00:00:00Z', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T00:00:00-05:00', '2024-03-10T05:00:00.000Z'],
    ['2024-03-10T05:30:00+05:30', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T05:30:00+0530', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T05:00:00+05', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10T00:00:00-00:00', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10t00:00:00z', '2024-03-10T00:00:00.000Z'],
    ['2024-03-10 00:00:00Z', '2024-03-10T00:00:00.000Z'],
    ['2024-02-29T23:59:59.5Z', '2024-02-29T23:59:59.500Z'],
    ['2000-01-01T00:00:00.12Z', '2000-01-01T00:00:00.120Z'],
  ])('%s → %s', (text, expected) => {
    expect(parseDateTime(text)).toBe(utc(expected));
  });

  it('cuts fractions beyond milliseconds toward the earlier millisecond', () => {
    expect(parseDateTime('2024-03-10T00:00:00.123999Z')).toBe(utc('2024-03-10T00:00:00.123Z'));
    expect(parseDateTime('2024-03-10T00:00:00.999999999Z')).toBe(utc('2024-03-10T00:00:00.999Z'));
    expect(parseDateTime('1969-12-31T23:59:59.9999Z')).toBe(-1);
    expect(parseDateTime('1969-12-31T23:59:59.0001Z')).toBe(-1000);
  });

  it('rolls a leap second into the next minute, as PostgreSQL does', () => {
    expect(parseDateTime('2016-12-31T23:59:60Z')).toBe(utc('2017-01-01T00:00:00Z'));
  });

  it('covers years 0000 to 9999 in UTC and no further', () => {
    expect(parseDateTime('0000-01-01T00:00:00Z')).toBe(EARLIEST_DATE_TIME_MS);
    expect(parseDateTime('9999-12-31T23:59:59.999Z')).toBe(LATEST_DATE_TIME_MS);
    expect(LATEST_DATE_TIME_MS).toBe(utc('9999-12-31T23:59:59.999Z'));
    expect(parseDateTime('0000-01-01T00:00:00+01:00')).toBeNull();
    expect(parseDateTime('9999-12-31T23:00:00-05:00')).toBeNull();
  });

  it.each([
    '',
    '2024-03-10',
    '2024-03-10T00:00:00',
    '2024-03-10T00:00Z',
    '2024-03-10T00:00:00.Z',
    '2024-3-10T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-01T00:00:00Z',
    '2024-03-00T00:00:00Z',
    '2024-03-10T24:00:00Z',
    '2024-03-10T23:60:00Z',
    '2024-03-10T23:59:61Z',
    '2024-03-10T00:00:00+24:00',
    '2024-03-10T00:00:00+05:60',
    '2024-03-10T00:00:00 Z',
    ' 2024-03-10T00:00:00Z',
    '2024-03-10T00:00:00Z\n',
    '+002024-03-10T00:00:00Z',
    '2024-03-10T00:00:00UTC',
    '1710028800',
  ])('refuses %j', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });
});
