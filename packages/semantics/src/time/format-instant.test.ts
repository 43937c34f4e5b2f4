import { describe, expect, it } from 'vitest';
import { formatInstantInZone, toUtcIso } from './format-instant.js';

const at = (iso: string): number => Date.parse(iso);

describe('formatInstantInZone', () => {
  it.each([
    ['2024-03-10T05:00:00Z', 'America/New_York', '2024-03-10T00:00:00-05:00'],
    ['2024-03-11T04:00:00Z', 'America/New_York', '2024-03-11T00:00:00-04:00'],
    ['2024-03-10T00:00:00Z', 'Asia/Kolkata', '2024-03-10T05:30:00+05:30'],
    ['2024-03-10T00:00:00Z', 'UTC', '2024-03-10T00:00:00Z'],
    ['2024-03-10T00:00:00Z', 'Europe/London', '2024-03-10T00:00:00Z'],
    ['2024-07-10T00:00:00Z', 'Europe/London', '2024-07-10T01:00:00+01:00'],
    ['2024-01-10T12:00:00Z', 'America/St_Johns', '2024-01-10T08:30:00-03:30'],
    ['2024-01-10T12:00:00Z', 'Asia/Kathmandu', '2024-01-10T17:45:00+05:45'],
    ['2024-01-10T12:00:00Z', 'Pacific/Chatham', '2024-01-11T01:45:00+13:45'],
    ['2024-01-10T12:00:00Z', 'Pacific/Kiritimati', '2024-01-11T02:00:00+14:00'],
    ['2024-01-10T12:00:00Z', 'Etc/GMT+5', '2024-01-10T07:00:00-05:00'],
    ['1969-12-31T23:59:59Z', 'America/New_York', '1969-12-31T18:59:59-05:00'],
  ])('%s in %s → %s', (iso, tz, expected) => {
    expect(formatInstantInZone(at(iso), tz)).toBe(expected);
  });

  it('writes milliseconds only when there are some', () => {
    expect(formatInstantInZone(at('2024-03-10T05:00:00.007Z'), 'America/New_York')).toBe('2024-03-10T00:00:00.007-05:00');
    expect(formatInstantInZone(at('2024-03-10T05:00:00.120Z'), 'UTC')).toBe('2024-03-10T05:00:00.120Z');
    expect(formatInstantInZone(at('1969-12-31T23:59:59.999Z'), 'UTC')).toBe('1969-12-31T23:59:59.999Z');
  });

  it('falls back to UTC when the offset has seconds (local mean time)', () => {
    // New York before 1883 ran 4:56:02 behind UTC: not writable as ±HH:MM.
    expect(formatInstantInZone(at('1800-01-01T12:00:00Z'), 'America/New_York')).toBe('1800-01-01T12:00:00Z');
    expect(formatInstantInZone(at('1800-01-01T12:00:00.5Z'), 'America/New_York')).toBe('1800-01-01T12:00:00.500Z');
  });

  it('falls back to UTC when the local year leaves 0000–9999', () => {
    expect(formatInstantInZone(at('0000-01-01T00:00:00Z'), 'Etc/GMT+5')).toBe('0000-01-01T00:00:00Z');
    expect(formatInstantInZone(at('9999-12-31T23:00:00Z'), 'Etc/GMT-14')).toBe('9999-12-31T23:00:00Z');
    expect(formatInstantInZone(at('9999-12-31T08:00:00Z'), 'Etc/GMT-14')).toBe('9999-12-31T22:00:00+14:00');
  });

  it('reads back as the same instant', () => {
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago']) {
      for (let ms = at('2024-01-01T00:00:00Z'); ms < at('2025-01-01T00:00:00Z'); ms += 3_600_000 * 7 + 123) {
        expect(Date.parse(formatInstantInZone(ms, tz))).toBe(ms);
      }
    }
  });
});

describe('toUtcIso', () => {
  it('is toISOString: UTC with milliseconds, always', () => {
    expect(toUtcIso(at('2024-03-10T05:00:00Z'))).toBe('2024-03-10T05:00:00.000Z');
    expect(toUtcIso(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
});
