// Group insert for /feedback/create: requests that arrive while earlier inserts are still in
// flight are written together, as one multi-row statement, when a slot frees up. Under load this
// turns N statements (N round trips, N commits, N WAL flushes) into a few; a lone request is
// written at once, so it waits for nothing. Each caller is answered only after the statement that
// carries its row has committed: a 200 still means the row is durable.
//
// Memory is bounded: rows waiting for a statement are capped in number and in serialised size,
// and a create that would go over is refused at once with a 503 (Retry-After) instead of piling
// up behind a database that has stopped answering.
import { ApiError } from '@feedback/semantics';
import type { Queryable } from '../storage/db.js';
import { payloadLeaves } from '../rollups/payload-leaves.js';
import { isDatabaseUnavailable } from '../storage/db-errors.js';
import type { FeedbackInsertRow } from './feedback-row.js';
import { feedbackKey, insertFeedbackJson } from './feedback-store.js';

export interface InsertBatcherOptions {
  /** Statements in flight at once; later rows wait and go together in the next statement. */
  maxInFlight: number;
  /** Rows in one statement at most. */
  maxBatchRows: number;
  /** Serialised size of one statement's rows at most (a single larger row still goes, alone). */
  maxBatchChars: number;
  /** Rows waiting for a statement at most; one more is refused (503). */
  maxQueuedRows: number;
  /** Serialised size of the waiting rows at most; a row is always accepted into an empty queue. */
  maxQueuedChars: number;
  /** Write the roll-up deltas with each group (FEEDBACK_ROLLUPS; default false); see src/rollups/README.md. */
  rollups?: boolean;
}

export type CreateQueueLimits = Pick<InsertBatcherOptions, 'maxQueuedRows' | 'maxQueuedChars'>;

/** Per process: a few seconds of creates at full speed, and far below the heap. */
export const DEFAULT_CREATE_QUEUE_LIMITS: CreateQueueLimits = { maxQueuedRows: 10_000, maxQueuedChars: 64 * 1024 * 1024 };

export const SERVER_BUSY_REASON =
  'The server is busy: too many creates are waiting to be written. Retry after the time in Retry-After';

export interface InsertBatcher {
  /** Resolves true when the row was written, false when its (project_id, id) existed already. */
  insert(row: FeedbackInsertRow): Promise<boolean>;
}

interface Pending {
  key: string;
  json: string;
  /** The row's roll-up leaves as JSON ('' with roll-ups off). */
  leaves: string;
  resolve(inserted: boolean): void;
  reject(err: unknown): void;
}

export function createInsertBatcher(db: Queryable, opts: InsertBatcherOptions): InsertBatcher {
  const rollups = opts.rollups === true;
  const queue: Pending[] = [];
  let queuedChars = 0;
  let inFlight = 0;

  /**
   * Takes the next batch off the queue, oldest first. Two rows with the same key never share a
   * statement: the second would be skipped by ON CONFLICT DO NOTHING and its caller could not tell
   * its row from the first's, so it waits for the next batch and meets the stored row as a conflict.
   */
  const takeBatch = (): Pending[] => {
    const batch: Pending[] = [];
    const skipped: Pending[] = [];
    const keys = new Set<string>();
    let chars = 0;
    let i = 0;
    for (; i < queue.length && batch.length < opts.maxBatchRows; i++) {
      const p = queue[i] as Pending;
      if (batch.length > 0 && chars + p.json.length > opts.maxBatchChars) break;
      if (keys.has(p.key)) {
        skipped.push(p);
        continue;
      }
      keys.add(p.key);
      chars += p.json.length;
      batch.push(p);
    }
    queue.splice(0, i, ...skipped);
    queuedChars -= chars;
    return batch;
  };

  const write = async (batch: readonly Pending[]): Promise<void> => {
    try {
      const leaves = rollups ? `[${batch.map((p) => p.leaves).join(',')}]` : null;
      const inserted = await insertFeedbackJson(db, `[${batch.map((p) => p.json).join(',')}]`, leaves);
      for (const p of batch) p.resolve(inserted.has(p.key));
    } catch (err) {
      // One bad row must not fail the others: while the database is up, the group is split in
      // halves, written one after the other. A bad row is found in about 2·log2(n) statements
      // rather than n, and the split never takes more than the one slot this group holds.
      if (batch.length === 1 || isDatabaseUnavailable(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await write(batch.slice(0, middle));
      await write(batch.slice(middle));
    }
  };

  const pump = (): void => {
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      inFlight++;
      void write(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return {
    insert(row) {
      // Serialised here, once: the batch is sized by it and sent as it is.
      const json = JSON.stringify(row);
      const full =
        queue.length >= opts.maxQueuedRows || (queue.length > 0 && queuedChars + json.length > opts.maxQueuedChars);
      if (full) return Promise.reject(new ApiError('unavailable', SERVER_BUSY_REASON));
      return new Promise<boolean>((resolve, reject) => {
        const leaves = rollups ? JSON.stringify(payloadLeaves(row.payload)) : '';
        queue.push({ key: feedbackKey(row), json, leaves, resolve, reject });
        queuedChars += json.length;
        pump();
      });
    },
  };
}
