// The shared counters of migrations/004_rate_limits.sql: one upsert per sync, whatever the number
// of buckets, answering the totals of every process.
import type { Queryable } from '../storage/db.js';
import type { HitStore, WindowHits } from './window-limiter.js';

const ADD_HITS = `
INSERT INTO rate_limit_hits AS t (bucket, window_start, hits)
SELECT bucket, window_start, hits FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS u(bucket, window_start, hits)
ORDER BY bucket, window_start
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = t.hits + EXCLUDED.hits
RETURNING bucket, window_start, hits`;

export function postgresHitStore(db: Queryable): HitStore {
  return {
    async add(rows) {
      const res = await db.query<{ bucket: string; window_start: string | number; hits: string | number }>(ADD_HITS, [
        rows.map((r) => r.bucket),
        rows.map((r) => r.windowStart),
        rows.map((r) => r.hits),
      ]);
      return res.rows.map((r): WindowHits => ({ bucket: r.bucket, windowStart: Number(r.window_start), hits: Number(r.hits) }));
    },
    async deleteBefore(windowStart) {
      await db.query('DELETE FROM rate_limit_hits WHERE window_start < $1', [windowStart]);
    },
  };
}
