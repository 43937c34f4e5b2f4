// A purge and the recompute of the roll-up cells it removed rolled-up rows from, in one
// transaction: what /feedback/purge runs. Whether or not this process writes roll-ups
// (FEEDBACK_ROLLUPS), rows rolled up earlier must leave the roll-ups with them.
import type { CheckedPurgeRequest } from '@feedback/semantics';
import { purgeFeedback } from '../sql/purge-feedback.js';
import type { Db } from '../storage/db.js';
import { recomputeRollupCells } from './rebuild.js';

/** Returns the number of rows deleted. */
export async function purgeWithRollups(db: Db, request: CheckedPurgeRequest): Promise<number> {
  return db.transaction(async (tx) => {
    const result = await purgeFeedback(tx, request);
    await recomputeRollupCells(tx, request.projectId, result.rolledUpQuarters);
    return result.deleted;
  });
}
