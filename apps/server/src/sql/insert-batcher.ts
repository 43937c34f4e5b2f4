// Group insert for /feedback/create: requests that arrive while earlier inserts are still in
// flight are written together, as one multi-row statement, when a slot frees up. Under load this
// turns N statements (N round trips, N commits, N WAL flushes) into a few; a lone request is
// written at once, so it waits for nothing. Each caller is answered only after the statement that
// carries its row has committed: a 200 still means the row is durable.
import type { Queryable } from '../storage/db.js';
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
}

export interface InsertBatcher {
  /** Resolves true when the row was written, false when its (project_id, id) existed already. */
  insert(row: FeedbackInsertRow): Promise<boolean>;
}

interface Pending {
  key: string;
  json: string;
  resolve(inserted: boolean): void;
  reject(err: unknown): void;
}

export function createInsertBatcher(db: Queryable, opts: InsertBatcherOptions): InsertBatcher {
  const queue: Pending[] = [];
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
    return batch;
  };

  const write = async (batch: readonly Pending[]): Promise<void> => {
    try {
      const inserted = await insertFeedbackJson(db, `[${batch.map((p) => p.json).join(',')}]`);
      for (const p of batch) p.resolve(inserted.has(p.key));
    } catch (err) {
      // One bad row must not fail the others: while the database is up, each row is tried alone.
      if (batch.length === 1 || isDatabaseUnavailable(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      await Promise.all(batch.map((p) => write([p])));
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
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ key: feedbackKey(row), json, resolve, reject });
        pump();
      });
    },
  };
}
