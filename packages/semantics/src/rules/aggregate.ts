// The cross-field rules of /feedback/aggregate (§3), checked once for server and fake, and the
// request normalized so neither has to care whether a list was absent, null or empty.
import type { FeedbackAggregateReq, GroupByDimension, SpanType } from '@feedback/api-types';
import { validationError } from '../errors.js';
import { assertCleanStrings } from '../values/strings.js';
import { assertProjectId } from './project.js';
import { feedbackTypePrefix } from './refs.js';

export const MAX_AGGREGATE_BUCKETS = 256;
export const MAX_FILTERED_RANGE_MS = 31 * 24 * 60 * 60 * 1000;

const SPAN_TYPES: readonly SpanType[] = ['agent_turn', 'agent_conversation'];
const GROUP_BY: readonly GroupByDimension[] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'];

/** An aggregate request checked and normalized: what an engine counts from. */
export interface CheckedAggregateRequest {
  projectId: string;
  afterMs: number;
  beforeMs: number;
  /** `null` when unbucketed. */
  timeBucketSeconds: number | null;
  feedbackTypes: string[];
  /** `feedbackTypes` with trailing `*`s stripped; a `''` prefix matches every type. */
  feedbackTypePrefixes: string[];
  tags: string[];
  ratingMin: number | null;
  ratingMax: number | null;
  monitorIds: string[];
  scorerIds: string[];
  spanAgentNames: string[];
  spanTypes: SpanType[];
  /** In request order, repeats dropped (a repeated dimension changes neither keys nor order). */
  groupBy: GroupByDimension[];
}

function quoted(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length <= 2 ? q.join(' or ') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1] ?? ''}`;
}

function assertMillis(value: number, field: 'after_ms' | 'before_ms'): void {
  if (!Number.isSafeInteger(value)) throw validationError([field], 'Input should be a valid integer', 'int_type');
  if (value < 0) throw validationError([field], 'Input should be greater than or equal to 0', 'greater_than_equal');
}

function assertRatingBound(value: number | null | undefined, field: 'rating_min' | 'rating_max'): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw validationError([field], 'Input should be a valid number', 'float_type');
  if (value < 0) throw validationError([field], 'Input should be greater than or equal to 0', 'greater_than_equal');
  if (value > 1) throw validationError([field], 'Input should be less than or equal to 1', 'less_than_equal');
}

function assertEnumItems<T extends string>(items: readonly string[], allowed: readonly T[], field: string): T[] {
  return items.map((item, i) => {
    const match = allowed.find((a) => a === item);
    if (match === undefined) throw validationError([field, i], `Input should be ${quoted(allowed)}`, 'enum');
    return match;
  });
}

/** Whether a request filters on anything (empty lists and nulls are no filter). */
function hasAnyFilter(r: CheckedAggregateRequest): boolean {
  return (
    r.feedbackTypes.length > 0 ||
    r.tags.length > 0 ||
    r.monitorIds.length > 0 ||
    r.scorerIds.length > 0 ||
    r.spanAgentNames.length > 0 ||
    r.spanTypes.length > 0 ||
    r.ratingMin !== null ||
    r.ratingMax !== null
  );
}

/**
 * Checks an aggregate request and normalizes it. Order (first failure wins): `project_id`
 * (422), `after_ms`, `before_ms`, `time_bucket_seconds`, `rating_min`, `rating_max`,
 * `span_types`, `group_by` (422 each), `before_ms > after_ms` (422), at most 256 buckets (422),
 * the 31-day rule (422), then NUL/unpaired surrogates anywhere (400).
 */
export function checkAggregateRequest(req: FeedbackAggregateReq): CheckedAggregateRequest {
  assertProjectId(req.project_id);
  assertMillis(req.after_ms, 'after_ms');
  assertMillis(req.before_ms, 'before_ms');
  const bucket = req.time_bucket_seconds ?? null;
  if (bucket !== null) {
    if (!Number.isSafeInteger(bucket)) throw validationError(['time_bucket_seconds'], 'Input should be a valid integer', 'int_type');
    if (bucket <= 0) throw validationError(['time_bucket_seconds'], 'Input should be greater than 0', 'greater_than');
  }
  assertRatingBound(req.rating_min, 'rating_min');
  assertRatingBound(req.rating_max, 'rating_max');
  const feedbackTypes = [...(req.feedback_types ?? [])];
  const resolved: CheckedAggregateRequest = {
    projectId: req.project_id,
    afterMs: req.after_ms,
    beforeMs: req.before_ms,
    timeBucketSeconds: bucket,
    feedbackTypes,
    feedbackTypePrefixes: feedbackTypes.map(feedbackTypePrefix),
    tags: [...(req.tags ?? [])],
    ratingMin: req.rating_min ?? null,
    ratingMax: req.rating_max ?? null,
    monitorIds: [...(req.monitor_ids ?? [])],
    scorerIds: [...(req.scorer_ids ?? [])],
    spanAgentNames: [...(req.span_agent_names ?? [])],
    spanTypes: assertEnumItems(req.span_types ?? [], SPAN_TYPES, 'span_types'),
    groupBy: [...new Set(assertEnumItems(req.group_by ?? [], GROUP_BY, 'group_by'))],
  };

  const rangeMs = req.before_ms - req.after_ms;
  if (rangeMs <= 0) throw validationError(['before_ms'], 'Value error, before_ms must be greater than after_ms');
  // (before − after) / 1000 / T ≤ 256, in integers so no rounding decides the edge.
  if (bucket !== null && rangeMs > MAX_AGGREGATE_BUCKETS * bucket * 1000) {
    throw validationError(
      ['time_bucket_seconds'],
      `Value error, at most ${MAX_AGGREGATE_BUCKETS} buckets: (before_ms - after_ms) / 1000 / time_bucket_seconds is ${rangeMs / 1000 / bucket}`,
    );
  }
  if (rangeMs > MAX_FILTERED_RANGE_MS && (bucket !== null || resolved.groupBy.length > 0 || hasAnyFilter(resolved))) {
    throw validationError(
      ['before_ms'],
      'Value error, a range over 31 days is allowed only for a bare project-wide total: no time_bucket_seconds, no group_by and no filters',
    );
  }
  assertCleanStrings(req);
  return resolved;
}

/** The `feedback_types` filter: no prefixes match everything, else any prefix must match. */
export function feedbackTypeMatches(prefixes: readonly string[], feedbackType: string): boolean {
  return prefixes.length === 0 || prefixes.some((p) => feedbackType.startsWith(p));
}
