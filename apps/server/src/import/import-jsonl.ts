// Bulk-loads historical rows: each line is a /feedback/create body plus `created_at` (ISO 8601)
// and `wb_user_id`, checked by the same rules as the endpoint. All or nothing: one transaction,
// rolled back when any line is refused.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isApiError, prepareCreate, uuidv7 } from '@feedback/semantics';
import type { Db } from '../storage/db.js';
import { toInsertRow, type FeedbackInsertRow } from '../sql/feedback-row.js';
import { insertFeedback } from '../sql/feedback-store.js';
import { assertCreateBody } from './create-body-schema.js';

const BATCH_ROWS = 5_000;

export interface ImportResult {
  rows: number;
  duplicates: number;
  ms: number;
  errors: { line: number; reason: string }[];
}

function reasonOf(err: unknown): string {
  if (isApiError(err)) {
    const detail = err.detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; ');
    return detail.length > 0 ? detail : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Parses one line into a row, or throws an ApiError-like reason. */
export function parseImportLine(text: string): FeedbackInsertRow {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('a line must be a JSON object');
  const { created_at: createdAt, wb_user_id: userId, ...body } = parsed as Record<string, unknown>;
  if (typeof createdAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(createdAt)) {
    throw new Error('created_at must be an ISO 8601 date-time with an offset');
  }
  const createdAtMs = Date.parse(createdAt);
  if (!Number.isFinite(createdAtMs)) throw new Error('created_at is not a valid instant');
  if (typeof userId !== 'string' || userId.length === 0) throw new Error('wb_user_id must be a non-empty string');
  assertCreateBody(body);
  const prepared = prepareCreate(body as Parameters<typeof prepareCreate>[0], userId);
  return toInsertRow(prepared, prepared.clientId ?? uuidv7(createdAtMs), createdAtMs);
}

export async function importFile(db: Db, file: string): Promise<ImportResult> {
  const started = performance.now();
  const errors: ImportResult['errors'] = [];
  let rows = 0;
  let inserted = 0;
  await db.transaction(async (tx) => {
    // Opened only once the transaction is ready: lines emitted before `for await` starts
    // listening would be lost.
    const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let batch: FeedbackInsertRow[] = [];
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim().length === 0) continue;
      try {
        batch.push(parseImportLine(line));
      } catch (err) {
        errors.push({ line: lineNo, reason: reasonOf(err) });
        continue;
      }
      if (errors.length > 0) continue;
      if (batch.length >= BATCH_ROWS) {
        rows += batch.length;
        inserted += (await insertFeedback(tx, batch)).size;
        batch = [];
      }
    }
    if (errors.length === 0 && batch.length > 0) {
      rows += batch.length;
      inserted += (await insertFeedback(tx, batch)).size;
    }
    if (errors.length > 0) throw new ImportRefused();
  }).catch((err: unknown) => {
    if (!(err instanceof ImportRefused)) throw err;
  });
  return { rows: errors.length > 0 ? 0 : inserted, duplicates: errors.length > 0 ? 0 : rows - inserted, ms: performance.now() - started, errors };
}

class ImportRefused extends Error {}
