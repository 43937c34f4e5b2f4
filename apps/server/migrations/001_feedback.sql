-- Feedback rows. The columns the aggregations filter and group on are typed and derived at write
-- time (scorer_id, monitor_id, span_type, rating), so queries never parse refs or JSON for them.
CREATE TABLE feedback (
  project_id                text        NOT NULL,
  id                        text        NOT NULL,
  created_at                timestamptz NOT NULL,
  weave_ref                 text        NOT NULL,
  feedback_type             text        NOT NULL,
  payload                   jsonb       NOT NULL,
  creator                   text,
  annotation_ref            text,
  runnable_ref              text,
  call_ref                  text,
  trigger_ref               text,
  queue_id                  text,
  scorer_tags               text[]      NOT NULL DEFAULT '{}',
  scorer_tag_reasons        jsonb       NOT NULL DEFAULT '{}',
  scorer_tag_confidences    jsonb       NOT NULL DEFAULT '{}',
  scorer_ratings            jsonb       NOT NULL DEFAULT '{}',
  scorer_rating_reasons     jsonb       NOT NULL DEFAULT '{}',
  scorer_rating_confidences jsonb       NOT NULL DEFAULT '{}',
  wb_user_id                text        NOT NULL,
  span_agent_name           text        NOT NULL DEFAULT '',
  span_agent_version        text        NOT NULL DEFAULT '',
  span_status_code          text        NOT NULL DEFAULT 'UNSET' CHECK (span_status_code IN ('UNSET', 'OK', 'ERROR')),
  span_conversation_id      text        NOT NULL DEFAULT '',
  span_trace_id             text        NOT NULL DEFAULT '',
  scorer_trace_id           text        NOT NULL DEFAULT '',
  -- derived at write time (see src/sql/feedback-row.ts)
  scorer_id                 text        NOT NULL DEFAULT '',
  monitor_id                text        NOT NULL DEFAULT '',
  span_type                 text        NOT NULL DEFAULT '',
  rating                    float8,
  is_scored                 boolean     NOT NULL DEFAULT false,
  PRIMARY KEY (project_id, id)
);

-- Every read is "one project, a time range": this index serves both endpoints' range scans.
CREATE INDEX feedback_project_created_at ON feedback (project_id, created_at);
