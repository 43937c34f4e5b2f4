-- Fresh roll-up rows: level 0 (src/rollups/cells.ts, FRESH_LEVEL). The write path and the backfill
-- now insert each write's deltas once, into its 15-minute cells, at level 0, instead of at 900,
-- 3600 and 86400; the compactor spreads them to the three levels and merges them there. A cell of
-- any level counts its own rows plus the level-0 rows whose quarter lies inside it; readers and
-- `rollups verify` add both. The existing rows are all at a level, so nothing needs converting.
--
-- NOT VALID: every existing row meets the stricter check it replaces, so a validating scan of the
-- roll-up tables (under the lock this ALTER takes) would prove nothing; new rows are checked.
ALTER TABLE feedback_stats_rollup DROP CONSTRAINT IF EXISTS feedback_stats_rollup_level_check,
  ADD CONSTRAINT feedback_stats_rollup_level_check CHECK (level IN (0, 900, 3600, 86400)) NOT VALID;
ALTER TABLE feedback_stats_rollup_leaf DROP CONSTRAINT IF EXISTS feedback_stats_rollup_leaf_level_check,
  ADD CONSTRAINT feedback_stats_rollup_leaf_level_check CHECK (level IN (0, 900, 3600, 86400)) NOT VALID;
ALTER TABLE feedback_aggregate_rollup DROP CONSTRAINT IF EXISTS feedback_aggregate_rollup_level_check,
  ADD CONSTRAINT feedback_aggregate_rollup_level_check CHECK (level IN (0, 900, 3600, 86400)) NOT VALID;
ALTER TABLE feedback_aggregate_scorer_rollup DROP CONSTRAINT IF EXISTS feedback_aggregate_scorer_rollup_level_check,
  ADD CONSTRAINT feedback_aggregate_scorer_rollup_level_check CHECK (level IN (0, 900, 3600, 86400)) NOT VALID;
