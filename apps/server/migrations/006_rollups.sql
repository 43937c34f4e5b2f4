-- Roll-ups: per project, UTC cell (15 min, 1 h, 1 day) and the dimensions each endpoint filters
-- or groups on, what can be merged exactly (counts, exact numeric sums, min, max, maps of counts
-- and sums). Kept at ingest, in the transaction that writes the raw rows, as append-only DELTA
-- rows: each write inserts its own aggregated rows, so concurrent writers into one cell never
-- wait on a shared row. Readers add up every row of a key; a background compactor replaces a
-- cell's rows by one row per key. See src/rollups/README.md.

-- Whether the row is counted in the roll-ups: TRUE = yes (all three tables); FALSE = never, its
-- payload exceeds the leaf bounds or the row is not `covered` (003: over 2000 bytes of key text
-- and payload, so its keys could overflow a roll-up index entry, ~2.7 kB) — read raw, always;
-- NULL = not yet (written before this migration or with FEEDBACK_ROLLUPS=off: the backfill job
-- rolls it up and sets the flag in one transaction). Readers add the rows that are NOT TRUE raw (index in 007). Adding a nullable
-- column without a default is a catalog change only: no table rewrite.
ALTER TABLE feedback ADD COLUMN rolled_up boolean;

-- The payload's leaves as one flat object {"a.b": 0.5, "ok": true}: every JSON number or boolean
-- reachable from the payload through object keys only, each key matching the json_path
-- characters without the dot ([A-Za-z0-9_ ]+, so a path is never ambiguous; a key with other
-- characters can never be named by a metric, and neither can anything under it). Arrays are not
-- entered (metrics never index them). NULL when the payload exceeds a bound: a leaf (or an object
-- that could hold one) deeper than 8 keys, or more than 64 leaves. The server computes the same
-- in TypeScript on the write path (src/rollups/payload-leaves.ts, tested to agree); this one
-- serves the backfill, rebuild and verify.
CREATE FUNCTION feedback_payload_leaves(payload jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH RECURSIVE walk(path, depth, value) AS (
    SELECT e.key, 1, e.value
      FROM jsonb_each(CASE WHEN jsonb_typeof(payload) = 'object' THEN payload END) AS e
     WHERE e.key ~ '^[A-Za-z0-9_ ]+$'
    UNION ALL
    SELECT w.path || '.' || e.key, w.depth + 1, e.value
      FROM walk AS w
      CROSS JOIN LATERAL jsonb_each(CASE WHEN w.depth <= 8 AND jsonb_typeof(w.value) = 'object' THEN w.value END) AS e
     WHERE e.key ~ '^[A-Za-z0-9_ ]+$'
  )
  SELECT CASE WHEN count(*) FILTER (WHERE t <> 'object') > 64 OR bool_or(depth > 8) THEN NULL
              ELSE coalesce(jsonb_object_agg(path, value) FILTER (WHERE t <> 'object'), '{}') END
    FROM (SELECT path, depth, value, jsonb_typeof(value) AS t FROM walk) AS x
   WHERE t IN ('number', 'boolean') OR (t = 'object' AND depth > 8)
$$;

-- /feedback/stats: rows per (cell, feedback_type). Not per trigger_ref: real refs carry a per-row
-- digest (benchmark data: 200,059 distinct in 200,061 rows), so keyed by them this table had as
-- many rows as feedback. A stats request filtering on trigger_ref is read raw.
CREATE TABLE feedback_stats_rollup (
  project_id    text        NOT NULL,
  level         integer     NOT NULL CHECK (level IN (900, 3600, 86400)),
  cell_start    timestamptz NOT NULL,
  feedback_type text        NOT NULL,
  row_count     bigint      NOT NULL,
  -- FALSE on a delta written at ingest; TRUE on the row the compactor merged a cell's deltas into.
  compacted     boolean     NOT NULL DEFAULT false
);

-- /feedback/stats metrics: per leaf path, numeric count / exact sum / min / max / zeros (the
-- count_false of a numeric metric) and boolean true / false counts.
CREATE TABLE feedback_stats_rollup_leaf (
  project_id    text        NOT NULL,
  level         integer     NOT NULL CHECK (level IN (900, 3600, 86400)),
  cell_start    timestamptz NOT NULL,
  feedback_type text        NOT NULL,
  path          text        NOT NULL,
  num_count     bigint      NOT NULL,
  num_sum       numeric     NOT NULL,
  num_min       float8,
  num_max       float8,
  num_zero      bigint      NOT NULL,
  bool_true     bigint      NOT NULL,
  bool_false    bigint      NOT NULL,
  compacted     boolean     NOT NULL DEFAULT false
);

-- /feedback/aggregate: per cell and every dimension it filters or groups on.
CREATE TABLE feedback_aggregate_rollup (
  project_id         text        NOT NULL,
  level              integer     NOT NULL CHECK (level IN (900, 3600, 86400)),
  cell_start         timestamptz NOT NULL,
  feedback_type      text        NOT NULL,
  scorer_id          text        NOT NULL,
  monitor_id         text        NOT NULL,
  span_type          text        NOT NULL,
  span_agent_name    text        NOT NULL,
  span_agent_version text        NOT NULL,
  span_status_code   text        NOT NULL,
  total_count        bigint      NOT NULL,
  scored_count       bigint      NOT NULL,
  tag_counts         jsonb       NOT NULL DEFAULT '{}',  -- {"tag": occurrences}
  rating_counts      jsonb       NOT NULL DEFAULT '{}',  -- {"key": rows with a numeric rating}
  rating_sums        jsonb       NOT NULL DEFAULT '{}',  -- {"key": exact decimal sum}
  compacted          boolean     NOT NULL DEFAULT false
);

-- Reads: one project, one level, a range of cells. The stats tables' indexes carry every column
-- the read takes (INCLUDE), so it is index-only once the table is vacuumed; the leaf index has
-- `path` after cell_start, so the compactor and recompute find a cell's rows through it too (one
-- index per table: each costs every write an entry per roll-up row). Entries stay far below the
-- btree limit (~2.7 kB): only `covered` rows are rolled up (see rolled_up above). The aggregate
-- index has no INCLUDE: its jsonb maps grow with the distinct tags and rating keys of a cell,
-- without bound, and an oversized entry would fail the write; the read fetches them from the heap.
CREATE INDEX feedback_stats_rollup_cells ON feedback_stats_rollup (project_id, level, cell_start)
  INCLUDE (feedback_type, row_count);
CREATE INDEX feedback_stats_rollup_leaf_cells ON feedback_stats_rollup_leaf (project_id, level, cell_start, path)
  INCLUDE (feedback_type, num_count, num_sum, num_min, num_max, num_zero, bool_true, bool_false);
CREATE INDEX feedback_aggregate_rollup_cells ON feedback_aggregate_rollup (project_id, level, cell_start);
-- The cells the compactor has left to merge (small: it keeps up with the writes). One index
-- serves all three tables: every write that adds leaf or aggregate rows to a cell adds a
-- feedback_stats_rollup row there too, and the compactor merges that one last. (An index per
-- table cost every write an index entry per roll-up row: measured, most of the insert's time.)
CREATE INDEX feedback_stats_rollup_deltas ON feedback_stats_rollup (project_id, level, cell_start) WHERE NOT compacted;
