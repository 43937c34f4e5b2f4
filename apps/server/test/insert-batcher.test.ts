// The group insert behind /feedback/create, on a real engine: concurrent rows share statements,
// every caller learns whether its own row was written, and one bad row fails only its caller.
import { ApiError, checkCreateRequest } from '@feedback/semantics';
import { describe, expect, it } from 'vitest';
import { toInsertRow, type FeedbackInsertRow } from '../src/sql/feedback-row.js';
import { countFeedback } from '../src/sql/feedback-store.js';
import { createInsertBatcher, DEFAULT_CREATE_QUEUE_LIMITS, SERVER_BUSY_REASON } from '../src/sql/insert-batcher.js';
import type { Queryable } from '../src/storage/db.js';
import { testEngines, useTestDatabase } from './support/engines.js';

const T0 = Date.parse('2024-06-01T00:00:00Z');
const QUEUE = DEFAULT_CREATE_QUEUE_LIMITS;

function row(project: string, id: string, score: number): FeedbackInsertRow {
  const prepared = checkCreateRequest(
    { project_id: project, weave_ref: `weave:///${project}/call/c1`, feedback_type: 'custom', payload: { score } },
    'alice',
  );
  return toInsertRow(prepared, id, T0 + score);
}

/** The engine, counting the statements sent through it and the most that were in flight at once. */
function counting(db: Queryable): { db: Queryable; statements: () => number; mostAtOnce: () => number } {
  let n = 0;
  let running = 0;
  let most = 0;
  return {
    db: {
      query: async (sql, params) => {
        n++;
        running++;
        most = Math.max(most, running);
        try {
          return await db.query(sql, params);
        } finally {
          running--;
        }
      },
      exec: (sql) => db.exec(sql),
    },
    statements: () => n,
    mostAtOnce: () => most,
  };
}

/** The engine behind a gate: statements wait until `open()` (a database that stopped answering). */
function gated(db: Queryable): { db: Queryable; open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    db: {
      query: async (sql, params) => {
        await gate;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    },
    open: () => open(),
  };
}

describe.each(testEngines())('group insert on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('writes 300 concurrent rows in far fewer statements, and answers each caller', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 2, maxBatchRows: 100, maxBatchChars: 1 << 20, ...QUEUE });
    const rows = Array.from({ length: 300 }, (_, i) => row('acme/many', `id-${i}`, i));
    const answers = await Promise.all(rows.map((r) => batcher.insert(r)));
    expect(answers).toEqual(rows.map(() => true));
    expect(await countFeedback(database().db, 'acme/many')).toBe(300);
    // 2 lone rows first, then the queue goes 100 rows at a time.
    expect(spy.statements()).toBeLessThanOrEqual(6);
  });

  it('a lone row is written at once, in a statement of its own', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 2, maxBatchRows: 100, maxBatchChars: 1 << 20, ...QUEUE });
    expect(await batcher.insert(row('acme/lone', 'only', 1))).toBe(true);
    expect(spy.statements()).toBe(1);
  });

  it('the same id twice in one burst: the first caller wrote it, the second learns it existed', async () => {
    const batcher = createInsertBatcher(database().db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20, ...QUEUE });
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
    const batcher = createInsertBatcher(database().db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20, ...QUEUE });
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
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 2_000, ...QUEUE });
    const rows = Array.from({ length: 10 }, (_, i) => row('acme/sized', `s-${i}`, i));
    const big = toInsertRow(
      checkCreateRequest({ project_id: 'acme/sized', weave_ref: 'weave:///acme/sized/call/c1', feedback_type: 'custom', payload: { text: 'x'.repeat(5_000) } }, 'alice'),
      'big',
      T0,
    );
    expect(await Promise.all([...rows, big].map((r) => batcher.insert(r)))).toEqual(Array(11).fill(true));
    expect(await countFeedback(database().db, 'acme/sized')).toBe(11);
    expect(spy.statements()).toBeGreaterThan(3);
  });

  it('a failed group is split in halves written one after the other, not retried row by row all at once', async () => {
    const spy = counting(database().db);
    const batcher = createInsertBatcher(spy.db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20, ...QUEUE });
    const rows = Array.from({ length: 64 }, (_, i) => row('acme/split', `r-${i}`, i + 1));
    const bad = { ...row('acme/split', 'bad', 0), created_at: 'not a time' } as FeedbackInsertRow;
    rows.splice(40, 0, bad);
    // One lone row first holds the only slot, so the other 65 wait and go as one group.
    const results = await Promise.allSettled([batcher.insert(row('acme/split', 'lead', 0)), ...rows.map((r) => batcher.insert(r))]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await countFeedback(database().db, 'acme/split')).toBe(65);
    // 1 lead + 1 group + halving down to the bad row (2 per level, log2(65) ≈ 7 levels); row by row would be 67.
    expect(spy.statements()).toBeLessThanOrEqual(2 + 2 * 7);
    expect(spy.mostAtOnce()).toBe(1);
  });

  it('a full queue refuses at once with a 503 "server busy", and accepts again once it drains', async () => {
    const stalled = gated(database().db);
    const batcher = createInsertBatcher(stalled.db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20, maxQueuedRows: 3, maxQueuedChars: 1 << 20 });
    // The first row takes the slot and hangs there; three wait; the fifth finds the queue full.
    const accepted = Array.from({ length: 4 }, (_, i) => batcher.insert(row('acme/full', `q-${i}`, i)));
    const refused = await batcher.insert(row('acme/full', 'q-4', 4)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'unavailable', status: 503, message: SERVER_BUSY_REASON });
    stalled.open();
    expect(await Promise.all(accepted)).toEqual([true, true, true, true]);
    expect(await batcher.insert(row('acme/full', 'q-5', 5))).toBe(true);
    expect(await countFeedback(database().db, 'acme/full')).toBe(5);
  });

  it('the queue is bounded in bytes too; a row larger than the bound still goes into an empty queue', async () => {
    const stalled = gated(database().db);
    const batcher = createInsertBatcher(stalled.db, { maxInFlight: 1, maxBatchRows: 100, maxBatchChars: 1 << 20, maxQueuedRows: 1_000, maxQueuedChars: 3_000 });
    const text = (id: string, length: number) =>
      toInsertRow(
        checkCreateRequest({ project_id: 'acme/bytes', weave_ref: 'weave:///acme/bytes/call/c1', feedback_type: 'custom', payload: { text: 'x'.repeat(length) } }, 'alice'),
        id,
        T0,
      );
    const inFlight = batcher.insert(text('b-0', 10));
    const big = batcher.insert(text('b-1', 5_000)); // over the bound, but the queue was empty
    const overBound = await batcher.insert(text('b-2', 10)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(overBound).toMatchObject({ code: 'unavailable' });
    stalled.open();
    expect(await Promise.all([inFlight, big])).toEqual([true, true]);
  });
});
