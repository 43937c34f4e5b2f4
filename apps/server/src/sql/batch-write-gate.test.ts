import { describe, expect, it } from 'vitest';
import { ApiError } from '@feedback/semantics';
import { createBatchWriteGate } from './batch-write-gate.js';

/** A write that finishes when the test says so. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { write: () => done, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createBatchWriteGate', () => {
  it('runs at most maxInFlight writes at once; the next waits and starts when one finishes', async () => {
    const gate = createBatchWriteGate({ maxInFlight: 2, maxWaitingChars: 1000 });
    const started: number[] = [];
    const writes = [held(), held(), held()];
    const runs = writes.map((w, i) => gate.run(10, () => (started.push(i), w.write())));
    await tick();
    expect(started).toEqual([0, 1]);
    writes[0]?.finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    writes[1]?.finish();
    writes[2]?.finish();
    await Promise.all(runs);
  });

  it('refuses a batch with a 503 once the waiting ones hold maxWaitingChars, but always admits one into an empty wait', async () => {
    const gate = createBatchWriteGate({ maxInFlight: 1, maxWaitingChars: 100 });
    const first = held();
    const running = gate.run(10, first.write);
    // Bigger than the bound, but nothing waits yet: admitted.
    const big = gate.run(500, async () => 'big');
    const refused = await gate.run(1, async () => 'late').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(503);
    first.finish();
    await running;
    await expect(big).resolves.toBe('big');
    // The wait is empty again: a new batch is admitted.
    await expect(gate.run(1, async () => 'after')).resolves.toBe('after');
  });

  it('a failed write frees its slot', async () => {
    const gate = createBatchWriteGate({ maxInFlight: 1, maxWaitingChars: 100 });
    await expect(gate.run(1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(1, async () => 'next')).resolves.toBe('next');
  });
});
