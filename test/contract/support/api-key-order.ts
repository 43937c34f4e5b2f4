// Where SEMANTICS.md fixes the order of keys in a response body, so a comparison must check it:
// stats bucket keys (timestamp, metric outputs in request order, count), window_stats (metrics
// in request order, outputs in request order), aggregate groups (group_by order) and the
// aggregate maps (sorted ascending). Elsewhere (e.g. the top-level fields) order is free.
const STATS_BUCKET = /^\$\.buckets\[\d+\]$/;
const AGGREGATE_MAP = /^\$\.buckets\[\d+\]\.(group|tag_counts|rating_counts|rating_sums)$/;
const WINDOW_STATS = /^\$\.window_stats(\.[^.]+)?$/;
// /feedback/query rows: their keys in the order `fields` named them (every column in Weave's order).
const QUERY_ROW = /^\$\.result\[\d+\]$/;

export function apiKeyOrder(path: string, expected: Record<string, unknown>): boolean {
  if (STATS_BUCKET.test(path)) return Object.hasOwn(expected, 'timestamp');
  return AGGREGATE_MAP.test(path) || WINDOW_STATS.test(path) || QUERY_ROW.test(path);
}
