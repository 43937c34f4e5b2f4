// Rolls up the rows that are not yet (backfill-statement.ts), batch by batch, each batch its own
// short transaction: writers never wait for it, and it can stop and resume at any point.
import type { Queryable } from '../storage/db.js';
import { backfillSql } from './backfill-statement.js';

export const BACKFILL_BATCH_ROWS = 1_000;

export interface BackfillOptions {
  /** Only this project's rows. */
  projectId?: string;
  batchRows?: number;
  /** Stop after this many batches (the rest stays for a later run). */
  maxBatches?: number;
  shouldStop?: () => boolean;
  onBatch?: (rowsSoFar: number) => void;
}

/** Runs batches until none is left (or a bound is reached); returns the rows rolled up or flagged. */
export async function backfillRollups(db: Queryable, opts: BackfillOptions = {}): Promise<number> {
  const batchRows = opts.batchRows ?? BACKFILL_BATCH_ROWS;
  const sql = backfillSql(opts.projectId !== undefined);
  const params = opts.projectId === undefined ? [batchRows] : [batchRows, opts.projectId];
  let total = 0;
  for (let batches = 0; batches < (opts.maxBatches ?? Infinity); batches++) {
    if (opts.shouldStop?.() === true) break;
    const n = (await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
    total += n;
    opts.onBatch?.(total);
    // Fewer than asked: nothing left that is not locked by someone else.
    if (n < batchRows) break;
  }
  return total;
}
