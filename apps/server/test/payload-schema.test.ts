// /feedback/payload_schema's SQL walk against the shared JS walk (tallyPayloadPaths, which the
// fake runs) over generated payloads: keys json_path can and cannot name, long keys, nesting past
// the depth bound, arrays and every JSON type; and the newest-rows selection for a random max_rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assemblePayloadSchemaResponse,
  checkPayloadSchemaRequest,
  emptyPayloadPathTally,
  pathTypeCounts,
  tallyPayloadPaths,
} from '@feedback/semantics';
import { runPayloadSchemaQuery } from '../src/sql/payload-schema-query.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { seedFeedback } from './support/query-seed.js';

const KEYS = ['a', 'B', 'score', 'a b', '_', '0', 'a.b', 'x-y', 'é', '', 'L'.repeat(120)];
const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constantFrom('s', ''), fc.constant(null));
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('json'), { maxLength: 2 }) },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), tie('json'), { maxKeys: 4 }) },
  ),
}));
/** A chain 10 keys deep, past the 8 the walk enters. */
const deep = fc.constantFrom(...KEYS.slice(0, 5)).map((k) => JSON.parse(`${'{"k":'.repeat(10)}1${'}'.repeat(10)}`.replaceAll('"k"', JSON.stringify(k))) as unknown);
const payload = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(json, deep), { maxKeys: 6 });

const T0 = Date.parse('2024-06-01T00:00:00Z');

for (const engine of testEngines()) {
  describe(`payload schema on ${engine.name}`, () => {
    const database = useTestDatabase(engine);
    let run = 0;

    it('the SQL walk finds what the shared JS walk finds, over the newest max_rows rows', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(payload, { minLength: 0, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), async (payloads, maxRows) => {
          const project = `acme/schema-prop-${engine.name}-${run++}`;
          const rows = payloads.map((p, i) => ({ at: T0 + i * 1000, body: { project_id: project, weave_ref: `weave:///${project}/call/c`, feedback_type: 'custom', payload: p } }));
          await seedFeedback(database().db, rows);
          const q = checkPayloadSchemaRequest({ project_id: project, max_rows: maxRows });

          const newest = [...rows].reverse().slice(0, maxRows);
          const tally = emptyPayloadPathTally();
          for (const r of newest) tallyPayloadPaths(tally, r.body.payload);
          const expected = assemblePayloadSchemaResponse({
            maxRows,
            rowsMatched: Math.min(rows.length, maxRows + 1),
            oldestExaminedMs: newest.at(-1)?.at ?? null,
            skippedKeys: tally.skippedKeys,
            counts: pathTypeCounts(tally),
          });
          expect(assemblePayloadSchemaResponse(await runPayloadSchemaQuery(database().db, q))).toEqual(expected);
        }),
        { numRuns: 40, seed: 20261130 },
      );
    });
  });
}
