-- Every read is "one project, a time range", and reads only a few columns. In a plain
-- (project_id, created_at) index the project's rows point into heap pages shared with every other
-- project (rows arrive interleaved in time), so a 100k-row read touches ~one heap page per row.
-- A covering index stores the columns the stats and aggregate queries read next to the key: the
-- project's rows sit together, in time order, and the read becomes an index-only scan.
--
-- A B-tree entry must stay under ~2.7 kB, and a payload can be up to 1 MiB: so only rows whose read
-- columns fit are in the covering indexes (`covered`, decided when the row is written, by the test
-- below: COVERED_EXPR in src/sql/project-rows.ts). The rare larger rows have their own small
-- partial index and are read from the heap; the queries read both branches (`covered` and
-- `NOT covered`), so every row counts exactly once.
ALTER TABLE feedback ADD COLUMN covered boolean NOT NULL DEFAULT false;

UPDATE feedback SET covered = (
  octet_length(project_id) + octet_length(feedback_type) + coalesce(octet_length(trigger_ref), 0)
  + pg_column_size(payload) + pg_column_size(scorer_tags) + pg_column_size(scorer_ratings)
  + octet_length(scorer_id) + octet_length(monitor_id) + octet_length(span_type)
  + octet_length(span_agent_name) + octet_length(span_agent_version)
) <= 2000;

-- One covering index per query: an index-only scan unpacks every column of each entry, so the
-- stats scan does not pay for the aggregate's columns, nor the aggregate scan for the payload.
CREATE INDEX feedback_stats_covering ON feedback (project_id, created_at)
  INCLUDE (feedback_type, trigger_ref, payload)
  WHERE covered;
CREATE INDEX feedback_aggregate_covering ON feedback (project_id, created_at)
  INCLUDE (feedback_type, scorer_tags, scorer_ratings, rating, is_scored, scorer_id, monitor_id,
           span_type, span_agent_name, span_agent_version, span_status_code)
  WHERE covered;
CREATE INDEX feedback_uncovered ON feedback (project_id, created_at) WHERE NOT covered;
-- Replaced by the indexes above: every row is in the covering ones or in feedback_uncovered.
DROP INDEX feedback_project_created_at;

-- Index-only scans skip the heap only on pages marked all-visible, which vacuum does. This table
-- only grows, so vacuum it after every 10k inserts instead of after 20% of the table.
ALTER TABLE feedback SET (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);
