-- API keys are stored as SHA-256 hashes of high-entropy random secrets; the secret is shown once.
CREATE TABLE api_keys (
  key_hash    text        PRIMARY KEY,
  user_id     text        NOT NULL,
  projects    text[]      NOT NULL,
  label       text        NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
