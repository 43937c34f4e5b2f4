// POST /feedback/stats after the shared pipeline, as the server's routes/stats.ts, with the
// grouping its SQL does written in JS: rows filtered, keyed by local-time bucket, each metric's
// present values aggregated per bucket and over the whole window.
import type { FeedbackStatsReq, FeedbackStatsRes } from '@feedback/api-types';
import {
  assembleStatsResponse,
  bucketKeyOf,
  checkStatsRequest,
  extractMetricValue,
  extractPath,
  triggerRefMatches,
  wantsTopValues,
  withTopValues,
  type CheckedStatsRequest,
  type ComputedAggregates,
  type ComputedStats,
  type ResolvedMetric,
} from '@feedback/semantics';
import { assertProjectAccess } from '../http/auth.js';
import type { StoredFeedback } from '../store/stored-feedback.js';
import { metricOutputs, type MetricValue } from './metric-aggregates.js';
import type { RouteContext } from './route-context.js';
import { computeTopValues } from './stats-top-values.js';

/** Present values per metric for one group of rows, plus the row count. */
class Group {
  count = 0;
  readonly values: MetricValue[][];

  constructor(metricCount: number) {
    this.values = Array.from({ length: metricCount }, () => []);
  }

  add(present: readonly (MetricValue | undefined)[]): void {
    this.count += 1;
    present.forEach((v, i) => {
      if (v !== undefined) this.values[i]?.push(v);
    });
  }

  aggregates(metrics: readonly ResolvedMetric[]): ComputedAggregates {
    return { count: this.count, metrics: metrics.map((m, i) => metricOutputs(m, this.values[i] ?? [])) };
  }
}

function valuesOf(row: StoredFeedback, metrics: readonly ResolvedMetric[]): (MetricValue | undefined)[] {
  return metrics.map((m) => extractMetricValue(m.valueType, extractPath(row.content.payload, m.segments)));
}

/** The rows of the checked window that pass its filters, grouped per bucket and in total. */
function computeStats(checked: CheckedStatsRequest, rows: Iterable<StoredFeedback>): ComputedStats {
  const { window, metrics } = checked;
  const buckets = new Map<number, Group>();
  const total = new Group(metrics.length);
  for (const row of rows) {
    if (checked.feedbackType !== null && row.content.feedback_type !== checked.feedbackType) continue;
    if (!triggerRefMatches(checked.triggerRef, row.content.trigger_ref)) continue;
    const present = valuesOf(row, metrics);
    const key = bucketKeyOf(row.createdAtMs, window.granularity, window.timeZone);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = new Group(metrics.length);
      buckets.set(key, bucket);
    }
    bucket.add(present);
    total.add(present);
  }
  const byBucketKey = new Map<number, ComputedAggregates>();
  for (const [key, group] of buckets) byBucketKey.set(key, group.aggregates(metrics));
  return { byBucketKey, total: total.aggregates(metrics) };
}

export function feedbackStats(body: FeedbackStatsReq, ctx: RouteContext): FeedbackStatsRes {
  assertProjectAccess(ctx.principal, body.project_id);
  const checked = checkStatsRequest(body, ctx.now());
  ctx.assertAvailable();
  const inWindow = ctx.store.inWindow(checked.projectId, checked.window.startMs, checked.window.endMs);
  // top_values (our extension) reads the rows a second time: kept in an array only when asked for.
  const rows = wantsTopValues(checked.metrics) ? [...inWindow] : inWindow;
  return withTopValues(assembleStatsResponse(checked, computeStats(checked, rows)), checked, computeTopValues(checked, rows));
}
