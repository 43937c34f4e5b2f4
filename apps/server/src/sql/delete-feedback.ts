// Deletes one row by its identity; says whether there was one.
import type { Queryable } from '../storage/db.js';

const DELETE_SQL = 'DELETE FROM feedback WHERE project_id = $1::text AND id = $2::text RETURNING id';

export async function deleteFeedback(tx: Queryable, projectId: string, id: string): Promise<boolean> {
  const res = await tx.query<{ id: string }>(DELETE_SQL, [projectId, id]);
  return res.rows.length > 0;
}
