// Everything a /feedback/stats request resolves to, checked once for the server, the fake and
// the benchmarks: the window, its grid of buckets, the metrics, the filters, and the size of the
// answer. What is left for an engine is to compute the aggregates (assemble.ts shapes them).
import type { FeedbackStatsReq } from '@feedback/api-types';
import { assertStatsAnswerSize } from '../limits/answer-size.js';
import { resolveMetrics, type ResolvedMetric } from '../rules/metrics.js';
import { bucketGrid, type BucketSlot } from '../time/bucket-grid.js';
import { resolveStatsWindow, type StatsWindow } from '../time/stats-window.js';
import { assertCleanStrings } from '../values/strings.js';
import { feedbackTypeFilter } from './feedback-type-filter.js';
import { triggerRefFilter, type TriggerRefFilter } from './trigger-ref.js';

export interface CheckedStatsRequest {
  projectId: string;
  /** Start and end as instants, the granularity chosen, the zone checked. */
  window: StatsWindow;
  /** Every bucket of the answer, empty ones included, in time order. */
  grid: readonly BucketSlot[];
  /** In request order, each with its slug, value type, aggregations and percentiles. */
  metrics: readonly ResolvedMetric[];
  /** The exact feedback_type kept, or `null` for every type. */
  feedbackType: string | null;
  triggerRef: TriggerRefFilter | null;
}

/**
 * Checks a stats request (after the schema) and resolves it; `nowMs` stands in for a missing
 * `end`. First failure wins: NUL/unpaired surrogates anywhere (400), the window (422; the zone
 * 400), the metrics (400), then the answer's size (400), known before any row is read.
 */
export function checkStatsRequest(body: FeedbackStatsReq, nowMs: number): CheckedStatsRequest {
  assertCleanStrings(body);
  const window = resolveStatsWindow(body, nowMs);
  const metrics = resolveMetrics(body.metrics);
  const grid = bucketGrid(window);
  assertStatsAnswerSize(grid.length, metrics);
  return {
    projectId: body.project_id,
    window,
    grid,
    metrics,
    feedbackType: feedbackTypeFilter(body.feedback_type),
    triggerRef: triggerRefFilter(body.trigger_ref),
  };
}
