-- migrate: no-transaction
-- The stats read of the leaf roll-ups by path first (src/rollups/read-stats-sql.ts). Through
-- feedback_stats_rollup_leaf_cells, ordered (…, cell_start, path), a cell range is read whole and
-- its other paths dropped one by one: for a month of New York days on the benchmark's 10M table,
-- 44,832 entries read for the 15,571 of the two paths asked. Here each asked path is one range.
-- That index stays: the compactor, rebuild and a purge's recompute find a cell's rows through it.
-- Level rows only (`level > 0`; readers say so in the query): the write path inserts fresh rows
-- (level 0), so a write pays no entry here; the compactor, rebuild and recompute pay one per level
-- row they write. Built CONCURRENTLY: on large existing roll-ups, the writers do not wait for it.
CREATE INDEX CONCURRENTLY IF NOT EXISTS feedback_stats_rollup_leaf_paths ON feedback_stats_rollup_leaf (project_id, level, path, cell_start)
  INCLUDE (feedback_type, num_count, num_sum, num_min, num_max, num_zero, bool_true, bool_false)
  WHERE level > 0;
