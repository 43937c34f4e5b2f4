// Bounds the batch creates one process writes at once. At most `maxInFlight` batch transactions
// run together (each holds a pooled connection: with the create group insert's four, reads still
// find one in the default pool of ten); later batches wait their turn, up to `maxWaitingChars` of
// serialised rows, and one more is refused at once with a 503 (Retry-After) instead of piling up
// behind a database that has stopped answering. A batch is always let into an empty wait.
import { ApiError } from '@feedback/semantics';

export interface BatchWriteGateOptions {
  maxInFlight: number;
  maxWaitingChars: number;
}

export interface BatchWriteGate {
  /** Runs `write` when a slot is free; `chars` is the batch's serialised size while it waits. */
  run<T>(chars: number, write: () => Promise<T>): Promise<T>;
}

export const BATCH_BUSY_REASON =
  'The server is busy: too many batches are waiting to be written. Retry after the time in Retry-After';

export function createBatchWriteGate(opts: BatchWriteGateOptions): BatchWriteGate {
  let inFlight = 0;
  let waitingChars = 0;
  // Each waiter is handed its slot by the batch that finishes, so no newcomer can take it first.
  const waiting: (() => void)[] = [];
  return {
    async run(chars, write) {
      if (inFlight < opts.maxInFlight) {
        inFlight++;
      } else {
        if (waiting.length > 0 && waitingChars + chars > opts.maxWaitingChars) throw new ApiError('unavailable', BATCH_BUSY_REASON);
        waitingChars += chars;
        await new Promise<void>((resolve) => waiting.push(resolve));
        waitingChars -= chars;
      }
      try {
        return await write();
      } finally {
        const next = waiting.shift();
        if (next === undefined) inFlight--;
        else next();
      }
    },
  };
}
