// Seeding for the read-side suites. Both paths are the server's own: `createAt` goes through
// POST /feedback/create with the test clock; `seedFeedback` runs the same create rules
// (checkCreateRequest) and the same INSERT statement directly, for many rows at exact instants.
import { randomUUID } from 'node:crypto';
import type { FeedbackCreateReq, FeedbackCreateRes } from '@feedback/api-types';
import { checkCreateRequest } from '@feedback/semantics';
import { toInsertRow } from '../../src/sql/feedback-row.js';
import { insertFeedback } from '../../src/sql/feedback-store.js';
import type { Db } from '../../src/storage/db.js';
import type { TestServer } from './test-server.js';

/** An instant: epoch ms, or an ISO 8601 date-time with an offset. */
export type Instant = number | string;

export interface SeedRow {
  at: Instant;
  body: FeedbackCreateReq;
}

export function instantMs(at: Instant): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(at)}`);
  return ms;
}

/** Inserts rows as alice's, each with a fresh id and `created_at` = its `at`. */
export async function seedFeedback(db: Db, rows: readonly SeedRow[]): Promise<void> {
  const insert = rows.map((r) => toInsertRow(checkCreateRequest(r.body, 'alice'), randomUUID(), instantMs(r.at)));
  const inserted = await insertFeedback(db, insert);
  if (inserted.size !== rows.length) throw new Error(`seeded ${inserted.size} of ${rows.length} rows`);
}

/** POST /feedback/create with the server's clock set to `at`. */
export async function createAt(srv: TestServer, at: Instant, body: FeedbackCreateReq): Promise<FeedbackCreateRes> {
  srv.clock.now = instantMs(at);
  return srv.client().create(body);
}
