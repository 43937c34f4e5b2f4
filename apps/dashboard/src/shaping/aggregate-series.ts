// Aggregate answers → stacked bars. The answer is sparse (only buckets and groups that have rows),
// so the grid is rebuilt from after_ms, before_ms and the bucket size; a bucket without rows stays
// null in every series (a gap), and a group without rows in a bucket adds nothing to its stack.
import type { FeedbackAggregateBucket, FeedbackAggregateReq, FeedbackAggregateRes, GroupByDimension } from '@feedback/api-types';
import type { AggregateFilters } from './view-state.js';
import type { TimeWindow } from './time-window.js';
import type { Column } from './stats-series.js';

export function aggregateRequest(
  project: string,
  window: TimeWindow,
  bucketSeconds: number,
  groupBy: readonly GroupByDimension[],
  f: AggregateFilters,
): FeedbackAggregateReq {
  const body: FeedbackAggregateReq = {
    project_id: project,
    after_ms: window.startMs,
    before_ms: window.endMs,
    time_bucket_seconds: bucketSeconds,
    group_by: [...groupBy],
  };
  if (f.feedbackTypes.length > 0) body.feedback_types = [...f.feedbackTypes];
  if (f.tags.length > 0) body.tags = [...f.tags];
  if (f.scorerIds.length > 0) body.scorer_ids = [...f.scorerIds];
  if (f.monitorIds.length > 0) body.monitor_ids = [...f.monitorIds];
  if (f.spanTypes.length > 0) body.span_types = [...f.spanTypes];
  if (f.agentNames.length > 0) body.span_agent_names = [...f.agentNames];
  if (f.ratingMin !== null) body.rating_min = f.ratingMin;
  if (f.ratingMax !== null) body.rating_max = f.ratingMax;
  return body;
}

/** What a group is called: its dimension values joined, `(none)` for an empty value. */
export function groupLabel(group: FeedbackAggregateBucket['group'], groupBy: readonly GroupByDimension[]): string {
  if (groupBy.length === 0) return 'all feedback';
  return groupBy.map((d) => (group?.[d] ?? '') || '(none)').join(' · ');
}

/** Bucket starts (epoch ms) of the answer's grid: every multiple of the size in [after, before). */
export function aggregateBucketTimes(res: FeedbackAggregateRes): number[] {
  const size = (res.time_bucket_seconds ?? 0) * 1000;
  if (size <= 0) return [res.after_ms];
  const times: number[] = [];
  for (let t = Math.floor(res.after_ms / size) * size; t < res.before_ms; t += size) times.push(t);
  return times;
}

export interface StackedSeries {
  times: number[];
  groups: string[];
  /** Rows per group per bucket (`counts[g][i]`); null where that group has no rows. */
  counts: Column[];
  /** Rows per bucket, all groups; null where the bucket has none. */
  totals: Column;
}

/** Groups are ordered by their total, largest first, so the biggest stack sits at the bottom. */
export function stackedSeries(res: FeedbackAggregateRes, groupBy: readonly GroupByDimension[]): StackedSeries {
  const times = aggregateBucketTimes(res);
  const index = new Map(times.map((t, i) => [t, i]));
  const byGroup = new Map<string, Column>();
  const groupTotals = new Map<string, number>();
  for (const b of res.buckets ?? []) {
    const i = index.get(b.time_bucket_start_ms ?? res.after_ms);
    if (i === undefined) continue;
    const label = groupLabel(b.group, groupBy);
    let col = byGroup.get(label);
    if (col === undefined) {
      col = times.map(() => null);
      byGroup.set(label, col);
    }
    col[i] = (col[i] ?? 0) + b.total_count;
    groupTotals.set(label, (groupTotals.get(label) ?? 0) + b.total_count);
  }
  const groups = [...byGroup.keys()].sort((a, b) => (groupTotals.get(b) ?? 0) - (groupTotals.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const counts = groups.map((g) => byGroup.get(g) ?? []);
  const totals = times.map((_, i) => {
    let sum: number | null = null;
    for (const col of counts) {
      const v = col[i] ?? null;
      if (v !== null) sum = (sum ?? 0) + v;
    }
    return sum;
  });
  return { times, groups, counts, totals };
}

/**
 * The tops of the stacks, for drawing: `stacked[g][i]` is the sum of groups 0..g in bucket i.
 * A bucket with no rows at all stays null; within a bucket with rows, a group without any adds 0.
 */
export function stackTops(s: StackedSeries): Column[] {
  const running: Column = s.totals.map((t) => (t === null ? null : 0));
  return s.counts.map((col) =>
    col.map((v, i) => {
      const base = running[i] ?? null;
      if (base === null) return null;
      const top = base + (v ?? 0);
      running[i] = top;
      return top;
    }),
  );
}

export interface TagCount {
  tag: string;
  count: number;
}

/** Each tag's count over the whole answer, most frequent first. */
export function tagCounts(res: FeedbackAggregateRes): TagCount[] {
  const totals = new Map<string, number>();
  for (const b of res.buckets ?? []) {
    for (const [tag, n] of Object.entries(b.tag_counts ?? {})) totals.set(tag, (totals.get(tag) ?? 0) + n);
  }
  return [...totals].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1));
}

export interface RatingAverage {
  group: string;
  rating: string;
  /** sum / count over every bucket of the group (the API gives the parts, not the average). */
  average: number;
  count: number;
}

/** Average of each rating key per group: Σ rating_sums / Σ rating_counts. */
export function ratingAverages(res: FeedbackAggregateRes, groupBy: readonly GroupByDimension[]): RatingAverage[] {
  const acc = new Map<string, { group: string; rating: string; sum: number; count: number }>();
  for (const b of res.buckets ?? []) {
    const group = groupLabel(b.group, groupBy);
    for (const [rating, count] of Object.entries(b.rating_counts ?? {})) {
      const key = JSON.stringify([group, rating]);
      const entry = acc.get(key) ?? { group, rating, sum: 0, count: 0 };
      entry.count += count;
      entry.sum += b.rating_sums?.[rating] ?? 0;
      acc.set(key, entry);
    }
  }
  return [...acc.values()]
    .filter((e) => e.count > 0)
    .map((e) => ({ group: e.group, rating: e.rating, average: e.sum / e.count, count: e.count }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.rating < b.rating ? -1 : a.rating > b.rating ? 1 : 0));
}
