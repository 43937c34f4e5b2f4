// The rows of one project and time range, as both read queries consume them. Every row is either
// `covered` — in the partial covering indexes of migrations/003, read by an index-only scan of
// feedback_stats_covering or feedback_aggregate_covering — or not, and then read through the small
// partial index feedback_uncovered and the heap. The two branches never overlap.
// `columns` and `where` are SQL text built from fixed fragments; values stay bound parameters.
export function projectRows(columns: string, where: readonly string[]): string {
  const filter = where.join(' AND ');
  return `(SELECT ${columns} FROM feedback WHERE covered AND ${filter}
           UNION ALL
           SELECT ${columns} FROM feedback WHERE NOT covered AND ${filter})`;
}

/** Whether a row's read columns fit a B-tree entry of the covering indexes (written with the row). */
export const COVERED_EXPR = `(
  octet_length(project_id) + octet_length(feedback_type) + coalesce(octet_length(trigger_ref), 0)
  + pg_column_size(payload) + pg_column_size(scorer_tags) + pg_column_size(scorer_ratings)
  + octet_length(scorer_id) + octet_length(monitor_id) + octet_length(span_type)
  + octet_length(span_agent_name) + octet_length(span_agent_version)
) <= 2000`;
