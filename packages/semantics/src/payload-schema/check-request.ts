// Everything a /feedback/payload_schema request resolves to, checked once for the server and the
// fake: the project, the optional type filter and time range, and how many rows to read.
import type { FeedbackPayloadSchemaReq } from '@feedback/api-types';
import { validationError } from '../errors.js';
import { assertProjectId } from '../rules/project.js';
import { feedbackTypeFilter } from '../stats/feedback-type-filter.js';
import { parseDateTime } from '../time/parse-date-time.js';
import { assertCleanStrings } from '../values/strings.js';

/** Rows read when the request does not say; the newest ones. */
export const DEFAULT_PAYLOAD_SCHEMA_ROWS = 1_000;
/** The most rows one request may read (the cost bound, with the path depth and the answer's size). */
export const MAX_PAYLOAD_SCHEMA_ROWS = 10_000;

export interface CheckedPayloadSchemaRequest {
  projectId: string;
  /** The exact feedback_type kept, or `null` for every type. */
  feedbackType: string | null;
  /** Inclusive, epoch ms; `null`: no lower bound. */
  startMs: number | null;
  /** Exclusive, epoch ms; `null`: no upper bound. */
  endMs: number | null;
  /** Read at most this many of the matching rows, newest first. */
  maxRows: number;
}

const DATE_TIME_MESSAGE = 'Input should be a valid RFC 3339 date-time with a time zone offset, in years 0000–9999';

function instantOf(field: 'start' | 'end', value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = parseDateTime(value);
  if (ms === null) throw validationError([field], DATE_TIME_MESSAGE, 'datetime_parsing');
  return ms;
}

/**
 * Checks a payload-schema request (after the schema) and resolves it. First failure wins:
 * `project_id` (422), `max_rows` (422), `start`, `end`, `end` before `start` (422 each), then
 * NUL/unpaired surrogates anywhere (400).
 */
export function checkPayloadSchemaRequest(body: FeedbackPayloadSchemaReq): CheckedPayloadSchemaRequest {
  assertProjectId(body.project_id);
  const maxRows = body.max_rows ?? DEFAULT_PAYLOAD_SCHEMA_ROWS;
  if (!Number.isSafeInteger(maxRows)) throw validationError(['max_rows'], 'Input should be a valid integer', 'int_type');
  if (maxRows < 1) throw validationError(['max_rows'], 'Input should be greater than or equal to 1', 'greater_than_equal');
  if (maxRows > MAX_PAYLOAD_SCHEMA_ROWS) {
    throw validationError(['max_rows'], `Input should be less than or equal to ${MAX_PAYLOAD_SCHEMA_ROWS}`, 'less_than_equal');
  }
  const startMs = instantOf('start', body.start);
  const endMs = instantOf('end', body.end);
  if (startMs !== null && endMs !== null && endMs < startMs) throw validationError(['end'], 'end must not be before start');
  assertCleanStrings(body);
  return { projectId: body.project_id, feedbackType: feedbackTypeFilter(body.feedback_type), startMs, endMs, maxRows };
}
