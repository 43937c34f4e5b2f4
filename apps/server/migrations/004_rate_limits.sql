-- Shared rate-limit counters: hits per bucket (an API key's hash or a client address) per fixed
-- window. Every HTTP process (FEEDBACK_WORKERS, other instances on the same database) counts in
-- memory and adds its hits here every few hundred milliseconds with one upsert, which returns the
-- totals of all processes (src/rate-limit/postgres-hit-store.ts).
--
-- UNLOGGED: counters for the current minute are worth no WAL; after a crash the table is empty and
-- a minute's counts start over, which only lets a client send one window's limit again.
CREATE UNLOGGED TABLE rate_limit_hits (
  bucket text NOT NULL,
  window_start bigint NOT NULL,
  hits bigint NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Old windows are deleted by age.
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
