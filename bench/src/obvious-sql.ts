// The baselines each query is compared with, run straight through the driver:
// - "obvious": what a newcomer writes from the spec — date_bin and jsonb extraction on the table,
//   one statement per result (buckets, window totals; counts, tags, ratings);
// - "floor": the cheapest read of the same rows — count(*) over the index range.
import { AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS, STATS_GRANULARITY, STATS_TIME_ZONE, TOTAL_BEFORE_MS } from './queries.js';
import { WINDOW_END_MS, WINDOW_START_MS } from './dataset.js';

export interface Statement {
  sql: string;
  params: unknown[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

const num = (p: string): string => `CASE WHEN jsonb_typeof(payload #> '${p}') = 'number' THEN (payload #>> '${p}')::float8 END`;
const RELEVANCE = num('{output,scores,relevance}');

/** Which of the benchmark's stats metrics a statement computes (the roll-up queries drop some). */
export interface StatsColumns {
  percentiles: boolean;
  categorical: boolean;
}

function statsColumns(c: StatsColumns): string {
  return [
    'count(*) AS n',
    `avg(${RELEVANCE}) AS avg_relevance`,
    `min(${RELEVANCE}) AS min_relevance`,
    `max(${RELEVANCE}) AS max_relevance`,
    ...(c.percentiles
      ? [
          `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RELEVANCE}) AS p50_relevance`,
          `percentile_cont(0.95) WITHIN GROUP (ORDER BY ${RELEVANCE}) AS p95_relevance`,
        ]
      : []),
    "count(*) FILTER (WHERE payload #> '{output,passed}' = 'true') AS count_true_passed",
    "count(*) FILTER (WHERE payload #> '{output,passed}' = 'false') AS count_false_passed",
    ...(c.categorical ? ["count(*) FILTER (WHERE jsonb_typeof(payload #> '{output,label}') IN ('string', 'number', 'boolean')) AS count_label"] : []),
  ].join(',\n  ');
}

/** Daily New York buckets, then the window totals: two statements. */
export function obviousStats(project: string, c: StatsColumns = { percentiles: true, categorical: true }): Statement[] {
  const range = [project, iso(WINDOW_START_MS), iso(WINDOW_END_MS)];
  const columns = statsColumns(c);
  return [
    {
      sql: `SELECT date_part('epoch', date_bin(make_interval(secs => ${STATS_GRANULARITY}), created_at AT TIME ZONE '${STATS_TIME_ZONE}', timestamp '1970-01-01')) AS bucket_key,
              ${columns}
            FROM feedback
            WHERE project_id = $1 AND created_at >= $2 AND created_at < $3
            GROUP BY 1 ORDER BY 1`,
      params: range,
    },
    {
      sql: `SELECT ${columns} FROM feedback WHERE project_id = $1 AND created_at >= $2 AND created_at < $3`,
      params: range,
    },
  ];
}

/** Counts, tag occurrences and rating sums per key: three statements, one per map. */
function obviousAggregate(project: string, afterMs: number, beforeMs: number, bucketSeconds: number | null): Statement[] {
  const keyed = bucketSeconds !== null;
  const keys = keyed
    ? `date_bin(make_interval(secs => ${bucketSeconds}), created_at, timestamptz '1970-01-01Z') AS bucket, scorer_id, span_status_code`
    : `1 AS total`;
  const groupBy = keyed ? 'GROUP BY 1, 2, 3' : '';
  const groupByMore = keyed ? 'GROUP BY 1, 2, 3, 4' : 'GROUP BY 1, 2';
  const range = [project, iso(afterMs), iso(beforeMs)];
  const where = 'project_id = $1 AND created_at >= $2 AND created_at < $3';
  return [
    {
      sql: `SELECT ${keys}, count(*) AS total_count,
                   count(*) FILTER (WHERE cardinality(scorer_tags) > 0 OR scorer_ratings <> '{}') AS scored_count
            FROM feedback WHERE ${where} ${groupBy}`,
      params: range,
    },
    {
      sql: `SELECT ${keys}, tag, count(*) FROM feedback, unnest(scorer_tags) AS tag WHERE ${where} ${groupByMore}`,
      params: range,
    },
    {
      sql: `SELECT ${keys}, r.key, count(*), sum(r.value::float8)
            FROM feedback, jsonb_each(scorer_ratings) AS r WHERE ${where} AND jsonb_typeof(r.value) = 'number' ${groupByMore}`,
      params: range,
    },
  ];
}

export const obviousGroupedAggregate = (project: string): Statement[] =>
  obviousAggregate(project, AGGREGATE_AFTER_MS, AGGREGATE_BEFORE_MS, 3600);
export const obviousMonthAggregate = (project: string): Statement[] =>
  obviousAggregate(project, WINDOW_START_MS, WINDOW_END_MS, 86_400);
export const obviousTotalAggregate = (project: string): Statement[] => obviousAggregate(project, 0, TOTAL_BEFORE_MS, null);

/** The physical floor: how fast the same rows can merely be counted (an index-only scan once vacuumed). */
export function floorCount(project: string, afterMs: number, beforeMs: number): Statement {
  return {
    sql: 'SELECT count(*)::int AS n FROM feedback WHERE project_id = $1 AND created_at >= $2 AND created_at < $3',
    params: [project, iso(afterMs), iso(beforeMs)],
  };
}
