// Deletes one row by its identity; says whether there was one, when it was created and whether it
// was rolled up (then the caller recomputes that cell's roll-ups: src/rollups/rebuild.ts).
import type { Queryable } from '../storage/db.js';

const DELETE_SQL = `
  DELETE FROM feedback WHERE project_id = $1::text AND id = $2::text
  RETURNING (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms, rolled_up IS TRUE AS rolled_up`;

export interface DeletedRow {
  createdAtMs: number;
  rolledUp: boolean;
}

export async function deleteFeedback(tx: Queryable, projectId: string, id: string): Promise<DeletedRow | undefined> {
  const res = await tx.query<{ created_at_ms: number; rolled_up: boolean }>(DELETE_SQL, [projectId, id]);
  const row = res.rows[0];
  return row === undefined ? undefined : { createdAtMs: row.created_at_ms, rolledUp: row.rolled_up };
}
