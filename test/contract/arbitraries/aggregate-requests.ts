// /feedback/aggregate requests: ranges around the run's anchor, bucket sizes that mostly keep
// within 256 buckets, every filter (prefix patterns included) and group_by in any order, with
// repeats. Some break a 422 rule on purpose: a reversed range, too many buckets, a long range
// with a filter, a rating bound outside [0, 1], an unknown span type.
import fc from 'fast-check';
import type { GroupByDimension } from '@feedback/api-types';
import { sometimes, sometimesOrNull, withDefined } from './optional.js';
import { AGENT_NAMES, TAGS } from './rows.js';
import { MS, nearAnchorArb } from './time.js';

const GROUP_BY: readonly GroupByDimension[] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'];

export interface AggregateTemplate {
  afterOffsetMs: number;
  rangeMs: number;
  /** A bucket count (the size follows from the range), a literal size, or no buckets. */
  bucket: { count: number } | { seconds: number } | null | undefined;
  fields: Record<string, unknown>;
}

const rangeArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 * 24 }).map((h) => h * MS.HOUR) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 * MS.DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(31 * MS.DAY, 31 * MS.DAY + 1, 40 * MS.DAY, 0, -1000) },
);

const bucketArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, null) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 256 }).map((count) => ({ count })) },
  { weight: 1, arbitrary: fc.constantFrom(0, -60, 1, 60, 3600).map((seconds) => ({ seconds })) },
);

// `_` and `%` are literal here (no LIKE), `*` only counts at the end.
const idPatternArb = fc.constantFrom('mon', 'mon*', 'Mon', 'mon_*', 'mo_*', 'mo%*', 'alpha', 'alpha*', 'al*', 'Beta', 'beta', 'zeta', '', '*', 'watch**', 'w*h', 'x');

const ratingBoundArb = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 100 }).map((k) => k / 100) }, { weight: 1, arbitrary: fc.constantFrom(-0.1, 1.5) });

const fieldsArb = fc.record({
  feedback_types: sometimes(fc.array(fc.constantFrom('wandb.runnable.*', 'wandb.runnable.', 'wandb.runnable.alpha', 'wandb.runnable.alpha**', 'wandb.agent', '', 'custom', 'wandb.note.1', 'wandb.', 'wandb.%', 'wandb.*.alpha', 'nope'), { maxLength: 2 }), 6),
  tags: sometimes(fc.array(fc.constantFrom(...TAGS, 'missing'), { maxLength: 2 }), 6),
  rating_min: sometimesOrNull(ratingBoundArb, 10),
  rating_max: sometimesOrNull(ratingBoundArb, 10),
  monitor_ids: sometimes(fc.array(idPatternArb, { maxLength: 2 }), 6),
  scorer_ids: sometimes(fc.array(idPatternArb, { maxLength: 2 }), 6),
  span_agent_names: sometimes(fc.array(fc.constantFrom(...AGENT_NAMES), { maxLength: 2 }), 8),
  span_types: sometimes(
    fc.oneof({ weight: 12, arbitrary: fc.uniqueArray(fc.constantFrom('agent_turn', 'agent_conversation'), { maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant(['call']) }),
    8,
  ),
  group_by: sometimes(
    fc.oneof({ weight: 12, arbitrary: fc.array(fc.constantFrom(...GROUP_BY), { maxLength: 4 }) }, { weight: 1, arbitrary: fc.constant(['creator']) }),
    1,
  ),
});

export const aggregateTemplateArb: fc.Arbitrary<AggregateTemplate> = fc.record({
  afterOffsetMs: nearAnchorArb(1.5),
  rangeMs: rangeArb,
  bucket: bucketArb,
  fields: fieldsArb,
});

export function toAggregateBody(t: AggregateTemplate, project: string, anchorMs: number): Record<string, unknown> {
  const afterMs = anchorMs + t.afterOffsetMs;
  let seconds: number | null | undefined;
  if (t.bucket === null || t.bucket === undefined) seconds = t.bucket;
  else if ('seconds' in t.bucket) seconds = t.bucket.seconds;
  else seconds = Math.max(1, Math.ceil(Math.max(t.rangeMs, 1) / 1000 / t.bucket.count));
  return withDefined({ project_id: project, after_ms: afterMs, before_ms: afterMs + t.rangeMs }, { time_bucket_seconds: seconds, ...t.fields });
}
