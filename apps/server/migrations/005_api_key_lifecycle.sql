-- Keys you can manage: what a key may do (scopes), until when (expires_at), whether it was
-- withdrawn (revoked_at), when it was last seen (last_used_at, written at most once a minute), and
-- a short public id for listings, revocation and logs. The id is the first 12 hex digits of the
-- hash: it names the key without revealing it, and an environment key gets the same kind of id.
ALTER TABLE api_keys
  ADD COLUMN key_id       text        GENERATED ALWAYS AS (left(key_hash, 12)) STORED,
  -- Existing keys keep doing what they did: both scopes.
  ADD COLUMN scopes       text[]      NOT NULL DEFAULT ARRAY['ingest', 'read']::text[],
  ADD COLUMN expires_at   timestamptz,
  ADD COLUMN revoked_at   timestamptz,
  ADD COLUMN last_used_at timestamptz,
  -- The key that `keys rotate` made to replace this one.
  ADD COLUMN replaced_by  text,
  ADD CONSTRAINT api_keys_scopes_known CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'read']::text[]);

CREATE UNIQUE INDEX api_keys_key_id ON api_keys (key_id);
