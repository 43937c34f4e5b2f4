// Writes a checked batch (checkCreateBatchRequest) in one transaction: one INSERT of every
// distinct row — the statement create and import use, ON CONFLICT DO NOTHING — then, only when
// some ids were taken, one read of those rows to tell a retry (same content) from a conflict.
// assembleCreateBatchResponse throws an atomic batch's 409 while the transaction is open, so it
// rolls back and nothing of the batch stays.
import type { FeedbackCreateBatchRes } from '@feedback/api-types';
import { assembleCreateBatchResponse, type BatchWrite, type CheckedCreateBatch } from '@feedback/semantics';
import { findStoredRows } from '../import/stored-rows.js';
import { leavesJson } from '../rollups/payload-leaves.js';
import type { Db } from '../storage/db.js';
import { toInsertRow, toPrepared } from './feedback-row.js';
import { feedbackKey, insertFeedbackJson } from './feedback-store.js';

const writeKey = (w: BatchWrite): string => feedbackKey({ project_id: w.prepared.project_id, id: w.id });

/** The insert's parameters: the rows as one JSON array, and their roll-up leaves beside (null: roll-ups off). */
export interface BatchRowsJson {
  rows: string;
  leaves: string | null;
}

/**
 * The batch's rows as the insert's one JSON parameter, ordered by (project_id, id): two batches
 * that share client ids then take their index locks in the same order and never deadlock.
 */
export function batchRowsJson(checked: CheckedCreateBatch, rollups: boolean): BatchRowsJson {
  const rows = checked.writes.map((w) => toInsertRow(w.prepared, w.id, w.createdAtMs));
  rows.sort((a, b) => (a.project_id === b.project_id ? compare(a.id, b.id) : compare(a.project_id, b.project_id)));
  return { rows: JSON.stringify(rows), leaves: rollups ? leavesJson(rows.map((r) => r.payload)) : null };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function writeCreateBatch(db: Db, checked: CheckedCreateBatch, rowsJson: BatchRowsJson): Promise<FeedbackCreateBatchRes> {
  if (checked.writes.length === 0) return assembleCreateBatchResponse(checked, () => ({ inserted: true }));
  return db.transaction(async (tx) => {
    const inserted = await insertFeedbackJson(tx, rowsJson.rows, rowsJson.leaves);
    const taken = checked.writes.filter((w) => !inserted.has(writeKey(w)));
    const stored = await findStoredRows(tx, taken.map((w) => ({ project_id: w.prepared.project_id, id: w.id })));
    return assembleCreateBatchResponse(checked, (w) => {
      if (inserted.has(writeKey(w))) return { inserted: true };
      const row = stored.get(writeKey(w));
      return { inserted: false, stored: row === undefined ? undefined : { prepared: toPrepared(row), createdAtMs: row.created_at_ms } };
    });
  });
}
