-- The `backfill` scope: a key holding it may date batch-created rows in the past (docs/semantics.md,
-- "Backdated rows"). Only the list of known scopes widens; the column's default stays
-- ['ingest', 'read'], so no existing or newly defaulted key gains it without naming it.
ALTER TABLE api_keys
  DROP CONSTRAINT api_keys_scopes_known,
  ADD CONSTRAINT api_keys_scopes_known CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'read', 'backfill']::text[]);
