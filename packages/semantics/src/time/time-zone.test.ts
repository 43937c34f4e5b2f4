import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertTimeZone, canonicalTimeZone, isKnownTimeZone } from './time-zone.js';
import { offsetSecondsAt } from './zone-offset.js';

function refusal(tz: string): ApiError {
  try {
    assertTimeZone(tz);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(tz)} was accepted`);
}

describe('assertTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5', 'Etc/GMT-14', 'America/Port-au-Prince', 'America/Argentina/Buenos_Aires', 'america/new_york'])(
    'accepts %s',
    (tz) => {
      expect(() => assertTimeZone(tz)).not.toThrow();
      expect(isKnownTimeZone(tz)).toBe(true);
    },
  );

  it.each([
    '+05:00',
    '-03:30',
    'UTC+3',
    'GMT-5',
    'ut+1',
    '5EST',
    '',
    'America/New York',
    'America/New_York\n',
    'America//New_York',
    'America/',
    '/UTC',
    "Europe/Paris';--",
    '../etc/passwd',
    'Mars/Olympus_Mons',
    `America/${'X'.repeat(80)}`,
  ])('refuses %j with a 400', (tz) => {
    const err = refusal(tz);
    expect(err.status).toBe(400);
    expect(err.toBody()).toEqual({ reason: `Unknown time zone: ${tz}`, error_type: 'InvalidRequest' });
    expect(isKnownTimeZone(tz)).toBe(false);
  });
});

describe('canonicalTimeZone', () => {
  it('names the zone the way this runtime canonicalises it', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('names a zone that behaves exactly like the requested one (so SQL can use it)', () => {
    const july = Date.UTC(2024, 6, 1, 12);
    const january = Date.UTC(2024, 0, 1, 12);
    for (const tz of ['CET', 'EST5EDT', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/GMT+5']) {
      const canonical = canonicalTimeZone(tz);
      expect(offsetSecondsAt(canonical, july)).toBe(offsetSecondsAt(tz, july));
      expect(offsetSecondsAt(canonical, january)).toBe(offsetSecondsAt(tz, january));
    }
  });

  it('refuses unknown zones like assertTimeZone', () => {
    expect(() => canonicalTimeZone('Nowhere/Else')).toThrow(ApiError);
  });
});
