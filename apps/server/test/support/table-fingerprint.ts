// A before/after snapshot of everything stored: hostile requests must leave it unchanged.
import type { Queryable } from '../../src/storage/db.js';

export interface StorageFingerprint {
  tables: string[];
  feedbackRows: number;
  /** md5 over every feedback row's text, in key order. */
  feedbackChecksum: string;
  apiKeyRows: number;
}

export async function storageFingerprint(db: Queryable, opts: { excludeProjectsStartingWith?: string } = {}): Promise<StorageFingerprint> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const feedback = await db.query<{ n: number; checksum: string }>(
    `SELECT count(*)::int AS n, coalesce(md5(string_agg(f::text, '|' ORDER BY project_id, id)), '') AS checksum
       FROM feedback f WHERE $1::text IS NULL OR NOT starts_with(project_id, $1::text)`,
    [opts.excludeProjectsStartingWith ?? null],
  );
  const keys = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
  return {
    tables: tables.rows.map((r) => r.name),
    feedbackRows: feedback.rows[0]?.n ?? -1,
    feedbackChecksum: feedback.rows[0]?.checksum ?? '',
    apiKeyRows: keys.rows[0]?.n ?? -1,
  };
}
