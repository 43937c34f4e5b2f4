-- /feedback/aggregate by scorer and span status only: the same counts and maps as
-- feedback_aggregate_rollup (006), keyed by two of its seven dimensions. On the benchmark's data a
-- project-day holds ~1,000–3,300 combinations of all seven but 27 of these two, and a read's cost
-- is expanding each row's maps; requests grouped by nothing but these two and filtered by nothing
-- but scorer read this table (src/rollups/read-aggregate-sql.ts). Kept like the others: deltas at
-- ingest, compacted, recomputed by purge and replace, rebuilt and verified (src/rollups/).
CREATE TABLE feedback_aggregate_scorer_rollup (
  project_id       text        NOT NULL,
  level            integer     NOT NULL CHECK (level IN (900, 3600, 86400)),
  cell_start       timestamptz NOT NULL,
  scorer_id        text        NOT NULL,
  span_status_code text        NOT NULL,
  total_count      bigint      NOT NULL,
  scored_count     bigint      NOT NULL,
  tag_counts       jsonb       NOT NULL DEFAULT '{}',
  rating_counts    jsonb       NOT NULL DEFAULT '{}',
  rating_sums      jsonb       NOT NULL DEFAULT '{}',
  compacted        boolean     NOT NULL DEFAULT false
);
CREATE INDEX feedback_aggregate_scorer_rollup_cells ON feedback_aggregate_scorer_rollup (project_id, level, cell_start);

-- The rows already rolled up: each key's rows of the wide table merged (exact: what aggregating
-- their raw rows gives, as `feedback-server rollups verify` checks). Writers wait for this
-- transaction (SHARE): a delta written meanwhile would reach the wide table only.
LOCK TABLE feedback_aggregate_rollup IN SHARE MODE;
INSERT INTO feedback_aggregate_scorer_rollup (project_id, level, cell_start, scorer_id, span_status_code, total_count, scored_count, tag_counts, rating_counts, rating_sums, compacted)
WITH x AS MATERIALIZED (SELECT * FROM feedback_aggregate_rollup),
base AS (
  SELECT project_id, level, cell_start, scorer_id, span_status_code, sum(total_count)::bigint AS total_count, sum(scored_count)::bigint AS scored_count
  FROM x GROUP BY project_id, level, cell_start, scorer_id, span_status_code
),
items AS (
  SELECT project_id, level, cell_start, scorer_id, span_status_code, i.kind, i.item, sum(i.n) AS n, sum(i.s) AS s
  FROM x CROSS JOIN LATERAL (
    SELECT 't' AS kind, t.key AS item, t.value::numeric AS n, NULL::numeric AS s FROM jsonb_each(x.tag_counts) AS t
    UNION ALL
    SELECT 'r', c.key, c.value::numeric, s.value::numeric FROM jsonb_each(x.rating_counts) AS c JOIN jsonb_each(x.rating_sums) AS s USING (key)
  ) AS i
  GROUP BY project_id, level, cell_start, scorer_id, span_status_code, i.kind, i.item
),
maps AS (
  SELECT project_id, level, cell_start, scorer_id, span_status_code,
         jsonb_object_agg(item, n) FILTER (WHERE kind = 't') AS tag_counts,
         jsonb_object_agg(item, n) FILTER (WHERE kind = 'r') AS rating_counts,
         jsonb_object_agg(item, s) FILTER (WHERE kind = 'r') AS rating_sums
  FROM items GROUP BY project_id, level, cell_start, scorer_id, span_status_code
)
SELECT project_id, level, cell_start, scorer_id, span_status_code, base.total_count, base.scored_count,
       coalesce(maps.tag_counts, '{}'), coalesce(maps.rating_counts, '{}'), coalesce(maps.rating_sums, '{}'), true
FROM base LEFT JOIN maps USING (project_id, level, cell_start, scorer_id, span_status_code);
