// The group insert behind /feedback/create, on a real engine: concurrent rows share statements,
// every caller learns whether its own row was written, and one bad row fails only its caller.
import { prepareCreate } from '@feedback/semantics';
import { describe, expect, it } from 'vitest';
import { toInsertRow, type FeedbackInsertRow } from '../src/sql/feedback-row.js';
import { countFeedback } from '../src/sql/feedback-store.js';
import { createInsertBatcher } from '../src/sql/insert-batcher.js';
import type { Queryable } from '../src/storage/db.js';
import { testEngines, useTestDatabase } from './support/engines.js';

const T0 = Date.parse('2024-06-01T00:00:00Z');

function row(project: string, id: string, score: number): FeedbackInsertRow {
  const prepared = prepareCreate(
    { project_id: project, weave_ref: `weave:///${project}/call/c1`, feedback_type: 'custom', payload: { score } },
    'alice',
  );
  return toInsertRow(prepared, id, T0 + score);
}

/** The engine, counting the statements sent through it. */
function counting(db: Queryable): { db: Queryable; statements: () => number } {
  let n = 0;
  return {
    db: {
      query: (sql, params) => {
        n++;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    },
    statements: () => n,
  };
}

describe.each(testEngines())('group insert on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('writes 300 concurrent rows in far fewer statements, and answers each caller', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 2, maxBatchRows: 100, maxBatchChars: 1 << 20 });
    const rows = Array.from({ length: 300 }, (_, i) => row('acme/many', `id-${i}`, i));
    const answers = await Promise.all(rows.map((r) => batcher.insert(r)));
    expect(answers).toEqual(rows.map(() => true));
    expect(await countFeedback(database().db, 'acme/many')).toBe(300);
    // 2 lone rows first, then the queue goes 100 rows at a time.
    expect(spy.statements()).toBeLessThanOrEqual(6);
  });

  it('a lone row is written at once, in a statement of its own', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 2, maxBatchRows: 100, maxBatchChars: 1 << 20 });
    expect(await batcher.insert(row('acme/lone', 'only', 1))).toBe(true);
    expect(spy.statements()).toBe(1);
  });

  it('the same id twice in one burst: the first caller wrote it, the second learns it existed', async () => {
    const batcher = createInsertBatcher(database().db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20 });
    const [blocker, first, second, otherProject] = await Promise.all([
      batcher.insert(row('acme/dup', 'blocker', 0)),
      batcher.insert(row('acme/dup', 'same', 1)),
      batcher.insert(row('acme/dup', 'same', 2)),
      batcher.insert(row('acme/dup-other', 'same', 3)),
    ]);
    expect([blocker, first, second, otherProject]).toEqual([true, true, false, true]);
    const stored = await database().db.query<{ payload: { score: number } }>(`SELECT payload FROM feedback WHERE project_id = 'acme/dup' AND id = 'same'`);
    expect(stored.rows.map((r) => r.payload.score)).toEqual([1]);
  });

  it('a row the database refuses fails only its own caller', async () => {
    const batcher = createInsertBatcher(database().db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20 });
    const bad = { ...row('acme/bad', 'bad', 1), created_at: 'not a time' } as FeedbackInsertRow;
    const results = await Promise.allSettled([
      batcher.insert(row('acme/bad', 'first', 0)),
      batcher.insert(row('acme/bad', 'good-1', 2)),
      batcher.insert(bad),
      batcher.insert(row('acme/bad', 'good-2', 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await countFeedback(database().db, 'acme/bad')).toBe(3);
  });

  it('a batch is cut at its size limit; a row larger than the limit still goes, alone', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 2_000 });
    const rows = Array.from({ length: 10 }, (_, i) => row('acme/sized', `s-${i}`, i));
    const big = toInsertRow(
      prepareCreate({ project_id: 'acme/sized', weave_ref: 'weave:///acme/sized/call/c1', feedback_type: 'custom', payload: { text: 'x'.repeat(5_000) } }, 'alice'),
      'big',
      T0,
    );
    expect(await Promise.all([...rows, big].map((r) => batcher.insert(r)))).toEqual(Array(11).fill(true));
    expect(await countFeedback(database().db, 'acme/sized')).toBe(11);
    expect(spy.statements()).toBeGreaterThan(3);
  });
});
