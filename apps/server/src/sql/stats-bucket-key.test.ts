// The per-segment offset must give exactly the key AT TIME ZONE gives, for every instant of the
// window: checked in PGlite (PostgreSQL 18) across DST changes, half-hour shifts and granularities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../storage/pglite-driver.js';
import type { Db } from '../storage/db.js';
import { bucketKeySql } from './stats-bucket-key.js';
import { boundParams } from './statement.js';

let db: Db;
beforeAll(async () => {
  db = await openPglite('memory://');
});
afterAll(async () => {
  await db.close();
});

const HOUR = 3_600_000;
const windows: [zone: string, startIso: string, days: number][] = [
  ['UTC', '2024-03-01T00:00:00Z', 31],
  ['America/New_York', '2024-03-01T00:00:00Z', 31],
  ['America/New_York', '2024-10-20T00:00:00Z', 31],
  ['Europe/London', '2024-10-20T13:17:00.250Z', 14],
  ['Australia/Lord_Howe', '2024-03-25T00:00:00Z', 20],
  ['Asia/Kolkata', '2024-01-01T00:00:00Z', 3],
  ['America/Sao_Paulo', '1999-10-01T00:00:00Z', 10],
];

async function keysBoth(zone: string, startMs: number, endMs: number, granularity: number, instants: number[]) {
  const { params, bind } = boundParams([zone, granularity, instants.map((ms) => new Date(ms).toISOString())]);
  const ours = bucketKeySql({ startMs, endMs, timeZone: zone, timeZoneParam: '$1::text', granularityParam: '$2::float8' }, bind);
  const res = await db.query<{ ours: number; reference: number; t: string }>(
    `SELECT ${ours} AS ours,
            (floor(date_part('epoch', created_at AT TIME ZONE $1::text) / $2::float8) * $2::float8)::float8 AS reference,
            created_at::text AS t
     FROM (SELECT unnest($3::timestamptz[]) AS created_at) AS r`,
    params,
  );
  return res.rows;
}

describe('bucketKeySql', () => {
  it.each(windows)('matches AT TIME ZONE for every sampled instant in %s from %s', async (zone, startIso, days) => {
    const startMs = Date.parse(startIso);
    const endMs = startMs + days * 24 * HOUR;
    const instants: number[] = [];
    for (let t = startMs; t < endMs; t += 7 * 60_000 + 13_001) instants.push(t);
    // Around every hour and half hour: the instants where shifts and bucket edges fall.
    for (let t = Math.ceil(startMs / (HOUR / 2)) * (HOUR / 2); t < endMs; t += HOUR / 2) {
      for (const d of [-1, 0, 1]) if (t + d >= startMs && t + d < endMs) instants.push(t + d);
    }
    for (const granularity of [300, 1800, 3600, 21_600, 86_400]) {
      const rows = await keysBoth(zone, startMs, endMs, granularity, instants);
      const wrong = rows.filter((r) => r.ours !== r.reference);
      expect(wrong.slice(0, 3)).toEqual([]);
      expect(rows).toHaveLength(instants.length);
    }
  });

  it('needs no CASE when the offset does not change inside the window', () => {
    const sql = bucketKeySql(
      { startMs: Date.parse('2024-06-01T00:00:00Z'), endMs: Date.parse('2024-07-01T00:00:00Z'), timeZone: 'America/New_York', timeZoneParam: '$4::text', granularityParam: '$5::float8' },
      (_v, type) => `$9::${type}`,
    );
    expect(sql).not.toContain('CASE');
  });
});
