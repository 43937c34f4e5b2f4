// One importer line: a /feedback/create body plus `created_at` (ISO 8601 with an offset) and
// `wb_user_id`, checked by the same schema and rules as the endpoint.
import { createHash } from 'node:crypto';
import { isApiError, checkCreateRequest, type PreparedFeedback } from '@feedback/semantics';
import { toInsertRow, type FeedbackInsertRow } from '../sql/feedback-row.js';
import { assertCreateBody } from './create-body-schema.js';

export interface ImportRecord {
  row: FeedbackInsertRow;
  prepared: PreparedFeedback;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const MAX_REASON_CHARS = 300;

/** Parses one line, or throws with the reason it is refused. */
export function parseImportRecord(text: string): ImportRecord {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('a line must be a JSON object');
  const { created_at: createdAt, wb_user_id: userId, ...body } = parsed as Record<string, unknown>;
  if (typeof createdAt !== 'string' || !ISO_INSTANT.test(createdAt)) {
    throw new Error('created_at must be an ISO 8601 date-time with an offset');
  }
  const createdAtMs = Date.parse(createdAt);
  if (!Number.isFinite(createdAtMs)) throw new Error('created_at is not a valid instant');
  if (typeof userId !== 'string' || userId.length === 0) throw new Error('wb_user_id must be a non-empty string');
  assertCreateBody(body);
  const prepared = checkCreateRequest(body as Parameters<typeof checkCreateRequest>[0], userId);
  return { row: toInsertRow(prepared, prepared.clientId ?? lineId(text, createdAtMs), createdAtMs), prepared };
}

/** Parses one line into a row, or throws with the reason it is refused. */
export function parseImportLine(text: string): FeedbackInsertRow {
  return parseImportRecord(text).row;
}

/**
 * The id of a line that has none: a UUIDv7 whose time is `created_at` and whose other bits come
 * from a hash of the line's text (which holds created_at and wb_user_id), so importing the same
 * file again skips these rows as duplicates instead of storing them twice. (Hashing the text,
 * not the parsed content, costs a twentieth as much.)
 */
export function lineId(text: string, createdAtMs: number): string {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 16);
  // Instants before 1970 have no UUIDv7 time: they share its zero.
  let ms = Math.max(0, Math.floor(createdAtMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Why a line was refused, in one bounded line of text. */
export function reasonOf(err: unknown): string {
  let reason: string;
  if (isApiError(err)) {
    const detail = err.detail.map((d) => `${d.loc.join('.')}: ${d.msg}`).join('; ');
    reason = detail.length > 0 ? detail : err.message;
  } else {
    reason = err instanceof Error ? err.message : String(err);
  }
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}
