-- migrate: no-transaction
-- The rows not (yet) in the roll-ups (feedback.rolled_up IS NOT TRUE, see 006): the few whose
-- payload exceeds the leaf bounds, and, until the backfill job has reached them, the rows
-- written before 006 or with FEEDBACK_ROLLUPS=off. Readers add them raw; the backfill finds them
-- here. Built CONCURRENTLY: on a large existing table, writers do not wait for the build.
CREATE INDEX CONCURRENTLY IF NOT EXISTS feedback_not_rolled_up ON feedback (project_id, created_at) WHERE rolled_up IS NOT TRUE;
