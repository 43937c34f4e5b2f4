// A payload's leaves, as the roll-ups count them, agree exactly with how /feedback/stats reads a
// metric (src/sql/metric-jsonpath.ts), on each engine: for random payloads (keys with and
// without json_path characters, nesting past the depth bound, objects past the leaf bound,
// numbers of every magnitude, booleans, strings, nulls, arrays), every path a metric can name
// reads a JSON number exactly when the leaves hold that number at that path (as numeric, and
// float8 alike), and a boolean exactly when they hold that boolean. And the TypeScript walk of
// the write path agrees with the SQL function the backfill, rebuild and verify use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LEAF_DEPTH, MAX_LEAVES, payloadLeaves } from '../src/rollups/payload-leaves.js';
import { metricJsonPath } from '../src/sql/metric-jsonpath.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const key = fc.constantFrom('a', 'b', 'score', 'ok', 'x y', '_', 'A1', 'a.b', 'é', '', '__proto__', 'n-1', '0');
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 0.1, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2),
);
const scalar: fc.Arbitrary<Json> = fc.oneof(number, fc.boolean(), fc.constantFrom('s', '0.5', 'true', ''), fc.constant(null));

const { json } = fc.letrec<{ json: Json; object: Json }>((tie) => ({
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('object'), fc.array(tie('json'), { maxLength: 2 })),
  object: fc.dictionary(key, tie('json'), { maxKeys: 4 }),
}));

/** Deep chains (past the depth bound) and wide objects (past the leaf bound). */
const deep: fc.Arbitrary<Json> = fc.tuple(fc.integer({ min: MAX_LEAF_DEPTH - 1, max: MAX_LEAF_DEPTH + 2 }), scalar).map(([d, leaf]) => {
  let v: Json = leaf;
  for (let i = 0; i < d; i++) v = { k: v };
  return v;
});
const wide: fc.Arbitrary<Json> = fc.integer({ min: MAX_LEAVES - 2, max: MAX_LEAVES + 2 }).map((n) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i % 3 === 0 ? true : i])),
);
const payload = fc.oneof(fc.dictionary(key, json, { maxKeys: 6 }), deep, wide, json);

/** Every path a metric's json_path can name that exists in the payload, whatever lies there. */
function nameablePaths(v: Json, prefix: string[] = []): string[][] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.keys(v).flatMap((k) => {
    if (!/^[A-Za-z0-9_ ]+$/.test(k)) return [];
    const path = [...prefix, k];
    return [path, ...nameablePaths(v[k] as Json, path)];
  });
}

const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Own entries by key (a key such as "__proto__" included, as a plain object would not hold it). */
function entries(o: Record<string, number | boolean>): [string, number | boolean][] {
  return Object.entries(o).sort(byKey);
}

interface Extraction {
  path: string;
  num: number | null;
  flag: boolean | null;
}

describe.each(testEngines())('roll-up leaves on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('agree with the metric extraction of stats, and the TypeScript walk with the SQL one', async () => {
    const { db } = database();
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const text = JSON.stringify(p);
        const stored = JSON.parse(text) as Json; // what the server stores and reads back
        const ts = payloadLeaves(stored);
        const sql = (await db.query<{ l: Record<string, number | boolean> | null }>('SELECT feedback_payload_leaves($1::jsonb) AS l', [text])).rows[0]?.l;
        expect(sql === null || sql === undefined ? sql : entries(sql)).toEqual(ts === null ? null : entries(ts));
        if (ts === null) return; // a row over the bounds is never rolled up: read raw
        const paths = nameablePaths(stored);
        const res = await db.query<Extraction>(
          `SELECT t.path, (jsonb_path_query_first($1::jsonb, t.num_path::jsonpath, '{}', true))::float8 AS num,
                  (jsonb_path_query_first($1::jsonb, t.bool_path::jsonpath, '{}', true))::boolean AS flag
           FROM unnest($2::text[], $3::text[], $4::text[]) AS t(path, num_path, bool_path)`,
          [text, paths.map((s) => s.join('.')), paths.map((s) => metricJsonPath(s, 'numeric')), paths.map((s) => metricJsonPath(s, 'boolean'))],
        );
        const fromStats: [string, number | boolean][] = [];
        for (const r of res.rows) {
          if (r.num !== null) fromStats.push([r.path, r.num]);
          if (r.flag !== null) fromStats.push([r.path, r.flag]);
        }
        // Every leaf is readable by its path as the same value, and nothing else is.
        expect(entries(ts)).toEqual(fromStats.sort(byKey));
      }),
      { numRuns: Math.min(fuzzRuns(), 150), seed: fuzzSeed() },
    );
  }, 120_000);

  it('the bounds: depth 8 and 64 leaves are rolled up, one more is not', () => {
    const chain = (d: number): Json => {
      let v: Json = 1;
      for (let i = 0; i < d; i++) v = { k: v };
      return v;
    };
    expect(payloadLeaves(chain(MAX_LEAF_DEPTH))).toEqual({ [Array(MAX_LEAF_DEPTH).fill('k').join('.')]: 1 });
    expect(payloadLeaves(chain(MAX_LEAF_DEPTH + 1))).toBeNull();
    const wideOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(payloadLeaves(wideOf(MAX_LEAVES)) ?? {})).toHaveLength(MAX_LEAVES);
    expect(payloadLeaves(wideOf(MAX_LEAVES + 1))).toBeNull();
    expect(payloadLeaves({ 'a.b': 1, 'é': 2, '': 3, s: 'x', n: null, l: [1], o: { t: true } })).toEqual({ 'o.t': true });
  });
});
