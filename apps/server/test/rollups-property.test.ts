// Property, on each engine: whatever sequence of writes and removals a project goes through —
// inserts with and without roll-ups (retries of taken ids among them), purges by time range and
// by id, replace-style delete + insert, partial backfills, compactions — its roll-ups always
// equal what a rebuild from its raw rows gives (`verify` finds no difference), and once the
// backfill has run, every row is counted once at each level.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkCreateRequest } from '@feedback/semantics';
import { backfillRollups } from '../src/rollups/backfill.js';
import { compactRollups } from '../src/rollups/compactor.js';
import { purgeWithRollups } from '../src/rollups/purge-with-rollups.js';
import { quarterStartMs, recomputeRollupCells } from '../src/rollups/rebuild.js';
import { deleteFeedback } from '../src/sql/delete-feedback.js';
import { toInsertRow, type FeedbackInsertRow } from '../src/sql/feedback-row.js';
import { insertFeedback } from '../src/sql/feedback-store.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';
import { expectAllRolledUp, expectRollupsExact } from './support/rollup-checks.js';

const T0 = Date.parse('2024-10-26T22:00:00Z');
const SPAN_MS = 2 * 86_400_000;

interface RowSpec {
  at: number;
  kind: number;
  score: number;
  flag: boolean;
  /** Reuse the id of an earlier row (a retry or a conflict) instead of a new one. */
  reuse: number | null;
}

const rowSpec: fc.Arbitrary<RowSpec> = fc.record({
  // Often exactly on a cell boundary.
  at: fc.oneof(fc.integer({ min: 0, max: SPAN_MS - 1 }), fc.integer({ min: 0, max: SPAN_MS / 900_000 - 1 }).map((q) => q * 900_000)),
  kind: fc.integer({ min: 0, max: 5 }),
  score: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 0.1, 0.2, 0.3, 1e-9)),
  flag: fc.boolean(),
  reuse: fc.option(fc.nat(40), { freq: 4 }),
});

type Op =
  | { op: 'insert'; rows: RowSpec[]; rollups: boolean }
  | { op: 'purgeRange'; from: number; length: number }
  | { op: 'purgeIds'; picks: number[] }
  | { op: 'replace'; pick: number; row: RowSpec }
  | { op: 'backfill'; batches: number }
  | { op: 'compact' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), rows: fc.array(rowSpec, { minLength: 1, maxLength: 12 }), rollups: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purgeRange' as const), from: fc.integer({ min: 0, max: SPAN_MS }), length: fc.integer({ min: 1, max: 6 * 3_600_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purgeIds' as const), picks: fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replace' as const), pick: fc.nat(40), row: rowSpec }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('backfill' as const), batches: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'compact' as const }) },
);

function insertRow(project: string, s: RowSpec, id: string): FeedbackInsertRow {
  const runnable = s.kind % 2 === 1;
  const name = `judge_${s.kind % 3}`;
  const body = {
    project_id: project,
    weave_ref: `weave:///${project}/call/c${s.kind}`,
    feedback_type: runnable ? `wandb.runnable.${name}` : s.kind === 2 ? 'wandb.note.1' : 'custom',
    ...(runnable ? { runnable_ref: `weave:///${project}/object/${name}:v1`, scorer_tags: s.flag ? ['x', 'y'] : ['x'], scorer_ratings: { _rating_: Math.abs(s.score) % 1 } } : {}),
    ...(s.kind === 3 ? { trigger_ref: `weave:///${project}/object/mon:v${s.flag ? 1 : 2}` } : {}),
    payload: runnable ? { output: { score: s.score, pass: s.flag } } : { score: s.score, ok: s.flag, note: 'n', deep: { v: s.kind } },
  };
  return toInsertRow(checkCreateRequest(body as Parameters<typeof checkCreateRequest>[0], s.flag ? 'alice' : 'bob'), id, T0 + s.at);
}

describe.each(testEngines())('roll-ups equal a rebuild from raw after any operations on $name', (engine) => {
  const database = useTestDatabase(engine);
  let run = 0;

  it('random rows, random operations', async () => {
    const { db } = database();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 7 }), async (ops) => {
        const project = `acme/prop-${run++}`;
        const ids: string[] = [];
        const idFor = (reuse: number | null): string => (reuse !== null && ids.length > 0 ? (ids[reuse % ids.length] as string) : randomUUID());
        for (const o of ops) {
          if (o.op === 'insert') {
            // A statement takes distinct ids (every writer ensures it): a repeat waits for the next one.
            const seen = new Set<string>();
            const batch = o.rows.map((s) => insertRow(project, s, idFor(s.reuse))).filter((r) => !seen.has(r.id) && seen.add(r.id));
            await insertFeedback(db, batch, { rollups: o.rollups });
            ids.push(...batch.map((r) => r.id));
          } else if (o.op === 'purgeRange') {
            await purgeWithRollups(db, { projectId: project, kind: 'filter', createdAfterMs: T0 + o.from, createdBeforeMs: T0 + o.from + o.length, feedbackType: null, wbUserId: null });
          } else if (o.op === 'purgeIds') {
            if (ids.length > 0) await purgeWithRollups(db, { projectId: project, kind: 'ids', ids: [...new Set(o.picks.map((p) => ids[p % ids.length] as string))] });
          } else if (o.op === 'replace') {
            if (ids.length === 0) continue;
            const target = ids[o.pick % ids.length] as string;
            await db.transaction(async (tx) => {
              const gone = await deleteFeedback(tx, project, target);
              const row = insertRow(project, o.row, randomUUID());
              await insertFeedback(tx, [row], { rollups: true });
              ids.push(row.id);
              if (gone?.rolledUp === true) await recomputeRollupCells(tx, project, [quarterStartMs(gone.createdAtMs)]);
            });
          } else if (o.op === 'backfill') {
            await backfillRollups(db, { projectId: project, batchRows: 5, maxBatches: o.batches });
          } else {
            await compactRollups(db);
          }
          await expectRollupsExact(db, project);
        }
        await backfillRollups(db, { projectId: project });
        await expectRollupsExact(db, project);
        await expectAllRolledUp(db, project);
      }),
      { numRuns: Math.max(5, Math.floor(fuzzRuns() / 8)), seed: fuzzSeed() },
    );
  }, 600_000);
});
