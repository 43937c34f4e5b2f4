// POST /feedback/aggregate after the shared pipeline, as the server's routes/aggregate.ts and
// sql/aggregate-query.ts: rows filtered (AND across fields, OR within a list), grouped by time
// bucket and group_by values, counted; sparse, except that a bare total is always one row.
import type { FeedbackAggregateReq, FeedbackAggregateRes, GroupByDimension } from '@feedback/api-types';
import {
  assembleAggregateResponse,
  checkAggregateRequest,
  compareCodePoints,
  ExactSum,
  feedbackTypeMatches,
  idPatternMatches,
  type AggregateGroupCounts,
  type CheckedAggregateRequest,
} from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import type { StoredFeedback } from '../store/stored-feedback.js';
import type { RouteContext } from './route-context.js';

interface AggregateGroup {
  bucketMs: number;
  groups: string[];
  total: number;
  scored: number;
  tagCounts: Map<string, number>;
  ratingCounts: Map<string, number>;
  ratingSums: Map<string, ExactSum>;
}

function matches(row: StoredFeedback, q: CheckedAggregateRequest): boolean {
  const c = row.content;
  if (!feedbackTypeMatches(q.feedbackTypePrefixes, c.feedback_type)) return false;
  if (q.tags.length > 0 && !c.scorer_tags.some((t) => q.tags.includes(t))) return false;
  if (q.ratingMin !== null || q.ratingMax !== null) {
    if (row.rating === null) return false;
    if (q.ratingMin !== null && row.rating < q.ratingMin) return false;
    if (q.ratingMax !== null && row.rating > q.ratingMax) return false;
  }
  if (q.monitorIds.length > 0 && !q.monitorIds.some((p) => idPatternMatches(p, row.monitorId))) return false;
  if (q.scorerIds.length > 0 && !q.scorerIds.some((p) => idPatternMatches(p, row.scorerId))) return false;
  if (q.spanAgentNames.length > 0 && !q.spanAgentNames.includes(c.span_agent_name)) return false;
  if (q.spanTypes.length > 0 && !q.spanTypes.some((t) => t === row.spanType)) return false;
  return true;
}

function groupValue(row: StoredFeedback, dimension: GroupByDimension): string {
  switch (dimension) {
    case 'scorer_id':
      return row.scorerId;
    case 'span_agent_name':
      return row.content.span_agent_name;
    case 'span_agent_version':
      return row.content.span_agent_version;
    case 'span_status_code':
      return row.content.span_status_code;
  }
}

const STATUS_RANK: Readonly<Record<string, number>> = { UNSET: 0, OK: 1 };

/** Group values ascending: text by code point (COLLATE "C"), span_status_code as UNSET < OK < ERROR. */
function compareGroupValue(dimension: GroupByDimension, a: string, b: string): number {
  if (dimension === 'span_status_code') return (STATUS_RANK[a] ?? 2) - (STATUS_RANK[b] ?? 2);
  return compareCodePoints(a, b);
}

function compareGroups(groupBy: readonly GroupByDimension[]) {
  return (a: AggregateGroup, b: AggregateGroup): number => {
    if (a.bucketMs !== b.bucketMs) return a.bucketMs - b.bucketMs;
    for (const [i, dimension] of groupBy.entries()) {
      const order = compareGroupValue(dimension, a.groups[i] ?? '', b.groups[i] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  };
}

function addTo(counter: Map<string, number>, key: string, amount: number): void {
  counter.set(key, (counter.get(key) ?? 0) + amount);
}

function accumulate(group: AggregateGroup, row: StoredFeedback): void {
  group.total += 1;
  if (row.isScored) group.scored += 1;
  for (const tag of row.content.scorer_tags) addTo(group.tagCounts, tag, 1);
  for (const [key, value] of Object.entries(row.content.scorer_ratings)) {
    if (typeof value !== 'number') continue;
    addTo(group.ratingCounts, key, 1);
    let sum = group.ratingSums.get(key);
    if (sum === undefined) group.ratingSums.set(key, (sum = new ExactSum()));
    sum.add(value);
  }
}

/** Map keys ascending by code point; Object.fromEntries keeps any key, "__proto__" included. */
function sortedRecord(counter: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counter].sort(([a], [b]) => compareCodePoints(a, b)));
}

function toGroupCounts(g: AggregateGroup): AggregateGroupCounts {
  return {
    bucketMs: g.bucketMs,
    groups: g.groups,
    totalCount: g.total,
    scoredCount: g.scored,
    tagCounts: sortedRecord(g.tagCounts),
    ratingCounts: sortedRecord(g.ratingCounts),
    // Exact sums rounded once (docs/semantics.md, "Exact sums"); ratings lie in [0, 1], so finite.
    ratingSums: sortedRecord(new Map([...g.ratingSums].map(([key, sum]) => [key, sum.toNumber()]))),
  };
}

/** The rows of the checked range that pass its filters, counted per (time bucket, group). */
function countGroups(q: CheckedAggregateRequest, rows: Iterable<StoredFeedback>): AggregateGroup[] {
  const bucketSpanMs = q.timeBucketSeconds === null ? null : q.timeBucketSeconds * 1000;
  const groups = new Map<string, AggregateGroup>();
  for (const row of rows) {
    if (!matches(row, q)) continue;
    // floor(created_at_ms / T) · T, in integers (created_at ≥ after_ms ≥ 0).
    const bucketMs = bucketSpanMs === null ? 0 : row.createdAtMs - (row.createdAtMs % bucketSpanMs);
    const values = q.groupBy.map((d) => groupValue(row, d));
    const key = JSON.stringify([bucketMs, values]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { bucketMs, groups: values, total: 0, scored: 0, tagCounts: new Map(), ratingCounts: new Map(), ratingSums: new Map() };
      groups.set(key, group);
    }
    accumulate(group, row);
  }
  return [...groups.values()];
}

export function aggregateFeedback(body: FeedbackAggregateReq, ctx: RouteContext): FeedbackAggregateRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const checked = checkAggregateRequest(body);
  ctx.assertAvailable();
  const groups = countGroups(checked, ctx.store.inWindow(checked.projectId, checked.afterMs, checked.beforeMs));
  return assembleAggregateResponse(checked, groups.sort(compareGroups(checked.groupBy)).map(toGroupCounts));
}
