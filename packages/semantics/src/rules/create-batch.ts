// /feedback/batch/create as two pure steps around storage, shared by the server and the fake.
// checkCreateBatchRequest runs every item through the create rules (project access, then
// checkCreateRequest) and settles what needs no storage: ids for items without one, and a client id
// repeated inside the batch. Storage then inserts `writes` (skipping ids it holds already) and
// assembleCreateBatchResponse turns what it found into the answer, in input order.
//
// Atomic (the default, Weave's behaviour): the first item that breaks a rule throws its error,
// then the first id conflict with a stored row does — thrown while the caller's transaction is
// open, so nothing is written. Per item (`atomic: false`): a bad item gets its error in its slot.
//
// Backdated rows (our extension, docs/semantics.md): an item may carry `created_at`, for a key with
// the `backfill` scope; the row is then stored at that instant instead of the batch's. Its
// created_at is part of its content: a retry with the same id must send the same one.
import type {
  FeedbackCreateBatchItem,
  FeedbackCreateBatchItemError,
  FeedbackCreateBatchReq,
  FeedbackCreateBatchRes,
  FeedbackCreateRes,
  ValidationError,
} from '@feedback/api-types';
import { assertProjectGranted } from '../access/access.js';
import { assertBackfillGranted, type KeyScope } from '../access/key-rules.js';
import { ApiError, validationError } from '../errors.js';
import { toUtcIso } from '../time/format-instant.js';
import { parseDateTime } from '../time/parse-date-time.js';
import { checkCreateRequest, sameFeedbackContent, type PreparedFeedback } from './create.js';

/** Items in one batch at most (the spec's `maxItems`). */
export const MAX_BATCH_ITEMS = 1000;

/**
 * The body limit of a batch: 1,000 rows of up to ~8 KiB each. Four times the other endpoints'
 * 2 MiB, no more: every batch in flight holds its body several times over (text, parsed, rows).
 */
export const BATCH_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** How far ahead of the server's clock a backdated row's created_at may be (clients' clocks drift). */
export const MAX_CREATED_AT_SKEW_MS = 5 * 60_000;

/** The earliest created_at a batch item may carry: 2000-01-01T00:00:00Z (older is a client's bug). */
export const EARLIEST_CREATED_AT_MS = Date.UTC(2000, 0, 1);

export interface BatchCaller {
  userId: string;
  projects: readonly string[];
  scopes: readonly KeyScope[];
}

/** One row the batch inserts: its content, its id, and the first item (input index) that asked for it. */
export interface BatchWrite {
  readonly index: number;
  readonly id: string;
  readonly prepared: PreparedFeedback;
  /** When the row is stored: the item's created_at, or the batch's instant. */
  readonly createdAtMs: number;
  /** Whether the item gave created_at (a retry must then give the same instant). */
  readonly backdated: boolean;
}

export type BatchSlot =
  | { readonly kind: 'write'; readonly write: BatchWrite }
  /** The same client id and content as an earlier item: answered with that item's row. */
  | { readonly kind: 'repeat'; readonly write: BatchWrite }
  | { readonly kind: 'failed'; readonly error: ApiError };

export interface CheckedCreateBatch {
  readonly atomic: boolean;
  /** One instant for every row of the batch without its own created_at. */
  readonly createdAtMs: number;
  /** The distinct rows to insert, in input order. */
  readonly writes: readonly BatchWrite[];
  /** One per item, in input order. */
  readonly slots: readonly BatchSlot[];
}

/** A stored row met at a write's (project_id, id), as comparable content. */
export interface StoredBatchRow {
  prepared: PreparedFeedback;
  createdAtMs: number;
}

/** What storage did with one write: inserted it, or found its id taken (by `stored`, when still there). */
export type BatchWriteOutcome = { inserted: true } | { inserted: false; stored: StoredBatchRow | undefined };

/** Statuses an item can have on its own; anything else concerns the whole request. */
type ItemStatus = FeedbackCreateBatchItemError['error']['status'];
type ItemErrorType = NonNullable<FeedbackCreateBatchItemError['error']['error_type']>;
const ITEM_ERRORS: Partial<Record<ApiError['code'], { status: ItemStatus; type?: ItemErrorType }>> = {
  invalid_request: { status: 400, type: 'InvalidRequest' },
  forbidden: { status: 403, type: 'Forbidden' },
  conflict: { status: 409, type: 'Conflict' },
  payload_too_large: { status: 413, type: 'PayloadTooLarge' },
  validation: { status: 422 },
};

/** The item's error, named by its place: `batch[3]: …`, a 422's loc under ["body", "batch", 3]. */
function itemError(index: number, err: unknown): ApiError {
  if (!(err instanceof ApiError) || ITEM_ERRORS[err.code] === undefined) throw err;
  const reason = `batch[${index}]: ${err.message}`;
  if (err.code !== 'validation') return new ApiError(err.code, reason);
  const entries: ValidationError[] = err.detail.length > 0 ? err.detail : [{ loc: ['body'], msg: err.message, type: 'value_error' }];
  return new ApiError('validation', reason, entries.map((d) => ({ ...d, loc: ['body', 'batch', index, ...d.loc.slice(1)] })));
}

function errorSlot(err: ApiError): FeedbackCreateBatchItemError {
  const kind = ITEM_ERRORS[err.code];
  if (kind === undefined) throw err;
  if (kind.type === undefined) return { error: { status: kind.status, reason: err.message, detail: err.detail } };
  return { error: { status: kind.status, reason: err.message, error_type: kind.type } };
}

/**
 * The item's created_at in epoch ms, or null when it has none. The schema admits only RFC 3339
 * with an offset and at most milliseconds; here the instant itself: from 2000 to a few minutes
 * past the server's clock (422 otherwise).
 */
function backdatedMs(value: unknown, nowMs: number): number | null {
  if (value === undefined) return null;
  const ms = typeof value === 'string' ? parseDateTime(value) : null;
  if (ms === null) {
    throw validationError(['created_at'], 'Input should be an RFC 3339 date-time with an offset, e.g. 2024-03-10T06:30:00.000Z', 'datetime_parsing');
  }
  if (ms < EARLIEST_CREATED_AT_MS) throw validationError(['created_at'], 'created_at must not be before 2000-01-01T00:00:00Z', 'value_error');
  if (ms > nowMs + MAX_CREATED_AT_SKEW_MS) {
    throw validationError(['created_at'], `created_at must not be more than ${MAX_CREATED_AT_SKEW_MS / 60_000} minutes in the future`, 'value_error');
  }
  return ms;
}

function sameWriteContent(a: { prepared: PreparedFeedback; createdAtMs: number; backdated: boolean }, b: BatchWrite): boolean {
  return a.backdated === b.backdated && (!a.backdated || a.createdAtMs === b.createdAtMs) && sameFeedbackContent(a.prepared, b.prepared);
}

function keyOf(prepared: PreparedFeedback, id: string): string {
  return JSON.stringify([prepared.project_id, id]);
}

/**
 * Checks a batch for `caller`. The list itself (at most MAX_BATCH_ITEMS, 422) first; then each
 * item in order: the key grants its project (403), a `created_at` needs the `backfill` scope (403)
 * and a sane instant (422), the create rules (checkCreateRequest: 422, 400, 413), and a client id
 * that an earlier item of the batch holds with other content or created_at (409). When atomic, the
 * first failure is thrown; otherwise it is kept in the item's slot.
 * Items without an id get `newId(their created_at)`.
 */
export function checkCreateBatchRequest(
  body: FeedbackCreateBatchReq,
  caller: BatchCaller,
  createdAtMs: number,
  newId: (createdAtMs: number) => string,
): CheckedCreateBatch {
  const items: unknown = body.batch;
  if (!Array.isArray(items)) throw validationError(['batch'], 'Input should be a valid list', 'list_type');
  if (items.length > MAX_BATCH_ITEMS) {
    throw validationError(['batch'], `List should have at most ${MAX_BATCH_ITEMS} items after validation, not ${items.length}`, 'too_long');
  }
  const atomic = body.atomic !== false;
  const writes: BatchWrite[] = [];
  const byKey = new Map<string, BatchWrite>();
  const checkItem = (item: FeedbackCreateBatchItem, index: number): BatchSlot => {
    assertProjectGranted(caller.projects, item.project_id);
    const { created_at: createdAt, ...createBody } = item;
    if (createdAt !== undefined) assertBackfillGranted(caller.scopes);
    const itemMs = backdatedMs(createdAt, createdAtMs);
    const prepared = checkCreateRequest(createBody, caller.userId);
    const rowMs = itemMs ?? createdAtMs;
    const id = prepared.clientId ?? newId(rowMs);
    const key = keyOf(prepared, id);
    const earlier = prepared.clientId === null ? undefined : byKey.get(key);
    const content = { prepared, createdAtMs: rowMs, backdated: itemMs !== null };
    if (earlier === undefined) {
      const write: BatchWrite = { index, id, ...content };
      writes.push(write);
      byKey.set(key, write);
      return { kind: 'write', write };
    }
    if (!sameWriteContent(content, earlier)) {
      throw new ApiError('conflict', `Feedback id ${id} is also batch[${earlier.index}] in ${prepared.project_id}, with different content`);
    }
    return { kind: 'repeat', write: earlier };
  };
  const slots = (items as FeedbackCreateBatchItem[]).map((item, index): BatchSlot => {
    try {
      return checkItem(item, index);
    } catch (err) {
      const error = itemError(index, err);
      if (atomic) throw error;
      return { kind: 'failed', error };
    }
  });
  return { atomic, createdAtMs, writes, slots };
}

/** A write's answer, exactly as create's: the new row, the stored row of a retry, or the 409 of a taken id. */
function answerWrite(write: BatchWrite, outcome: BatchWriteOutcome): FeedbackCreateRes | ApiError {
  const { id, prepared } = write;
  if (outcome.inserted) return { id, created_at: toUtcIso(write.createdAtMs), wb_user_id: prepared.wb_user_id, payload: prepared.payload };
  const stored = outcome.stored;
  // Taken when inserted, gone when read back (deleted meanwhile): create's 503, for the whole batch.
  if (stored === undefined) throw new ApiError('unavailable', 'The row could not be written; retry');
  // A backdated retry must name the stored row's instant; an undated one takes the stored row as it is.
  if (!sameFeedbackContent(prepared, stored.prepared) || (write.backdated && stored.createdAtMs !== write.createdAtMs)) {
    return new ApiError('conflict', `Feedback id ${id} already exists in ${prepared.project_id} with different content`);
  }
  return { id, created_at: toUtcIso(stored.createdAtMs), wb_user_id: stored.prepared.wb_user_id, payload: stored.prepared.payload };
}

/**
 * The answer, one entry per item in input order, from what storage did with each write. A new
 * row is answered as create answers it; a taken id with the same content with the stored row.
 * Atomic: the first item whose id is taken with other content throws its 409 (the caller rolls
 * back). A write that storage reports taken but cannot show is a 503 for the whole batch.
 */
export function assembleCreateBatchResponse(
  checked: CheckedCreateBatch,
  outcomeOf: (write: BatchWrite) => BatchWriteOutcome,
): FeedbackCreateBatchRes {
  const answers = new Map<BatchWrite, FeedbackCreateRes | ApiError>();
  for (const write of checked.writes) answers.set(write, answerWrite(write, outcomeOf(write)));
  const res = checked.slots.map((slot, index): FeedbackCreateRes | FeedbackCreateBatchItemError => {
    if (slot.kind === 'failed') return errorSlot(slot.error);
    const answer = answers.get(slot.write);
    if (answer === undefined) throw new Error(`batch[${index}] has no answer`);
    if (!(answer instanceof ApiError)) return answer;
    const error = itemError(index, answer);
    if (checked.atomic) throw error;
    return errorSlot(error);
  });
  return { res };
}
