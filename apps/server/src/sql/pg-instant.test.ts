import { describe, expect, it } from 'vitest';
import { PG_MAX_INSTANT_MS, PG_MIN_INSTANT_MS, pgInstant } from './pg-instant.js';

describe('pgInstant', () => {
  it('writes ordinary instants as toISOString does', () => {
    for (const ms of [0, 1, 1_709_251_200_123, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(1, 0, 1)]) {
      expect(pgInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes years 0 and below in PostgreSQL’s BC notation', () => {
    expect(pgInstant(Date.parse('0000-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000Z BC');
    expect(pgInstant(Date.UTC(-1, 5, 2, 3, 4, 5, 6))).toBe('0002-06-02T03:04:05.006Z BC');
  });

  it('writes five- and six-digit years without a sign', () => {
    expect(pgInstant(Date.UTC(10000, 0, 1))).toBe('10000-01-01T00:00:00.000Z');
    expect(pgInstant(PG_MAX_INSTANT_MS)).toBe('275760-09-13T00:00:00.000Z');
  });

  it('clamps to the range both JavaScript and PostgreSQL hold', () => {
    expect(pgInstant(Number.MAX_SAFE_INTEGER)).toBe(pgInstant(PG_MAX_INSTANT_MS));
    expect(pgInstant(-Number.MAX_SAFE_INTEGER)).toBe('4714-11-24T00:00:00.000Z BC');
    expect(pgInstant(PG_MIN_INSTANT_MS - 1)).toBe(pgInstant(PG_MIN_INSTANT_MS));
  });
});
