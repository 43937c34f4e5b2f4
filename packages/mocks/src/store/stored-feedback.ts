// A feedback row as the fake keeps it: the prepared content as the database would return it,
// the id and creation instant, and the columns the server derives at write time for the
// aggregations (see the server's sql/feedback-row.ts).
import { objectIdOf, spanTypeOf, type PreparedFeedback } from '@feedback/semantics';
import { jsonbCopy } from './jsonb-copy.js';

/** The content columns: everything prepareCreate returns but the client's id. */
export type FeedbackContent = Omit<PreparedFeedback, 'clientId'>;

export interface StoredFeedback {
  id: string;
  createdAtMs: number;
  content: FeedbackContent;
  /** objectIdOf(runnable_ref): what `scorer_ids` and `group_by: scorer_id` see. */
  scorerId: string;
  /** objectIdOf(trigger_ref): what `monitor_ids` sees. */
  monitorId: string;
  /** spanTypeOf(weave_ref): what `span_types` sees. */
  spanType: string;
  /** scorer_ratings._rating_ when it is a number: what rating_min/rating_max see. */
  rating: number | null;
  /** A non-empty scorer_tags or scorer_ratings. */
  isScored: boolean;
}

/**
 * A row as `rows()` hands it out (and as the `rows` option accepts it back): every column of a
 * create body filled in, plus `id` and `created_at` (UTC, ISO 8601).
 */
export type FeedbackFakeRow = { id: string; created_at: string } & FeedbackContent;

/** The columns as the database returns them: jsonb in jsonb's form, arrays and maps as fresh copies. */
function storedCopy(c: FeedbackContent): FeedbackContent {
  return {
    ...c,
    payload: jsonbCopy(c.payload),
    scorer_tags: [...c.scorer_tags],
    scorer_tag_reasons: jsonbCopy(c.scorer_tag_reasons),
    scorer_tag_confidences: jsonbCopy(c.scorer_tag_confidences),
    scorer_ratings: jsonbCopy(c.scorer_ratings),
    scorer_rating_reasons: jsonbCopy(c.scorer_rating_reasons),
    scorer_rating_confidences: jsonbCopy(c.scorer_rating_confidences),
  };
}

export function toStored(prepared: PreparedFeedback, id: string, createdAtMs: number): StoredFeedback {
  const { clientId: _clientId, ...fresh } = prepared;
  const content = storedCopy(fresh);
  const rating = content.scorer_ratings['_rating_'];
  return {
    id,
    createdAtMs,
    content,
    scorerId: objectIdOf(content.runnable_ref),
    monitorId: objectIdOf(content.trigger_ref),
    spanType: spanTypeOf(content.weave_ref),
    rating: typeof rating === 'number' ? rating : null,
    isScored: content.scorer_tags.length > 0 || Object.keys(content.scorer_ratings).length > 0,
  };
}

/** The content of a stored row as prepareCreate would give it, for sameFeedbackContent. */
export function toPrepared(row: StoredFeedback): PreparedFeedback {
  return { clientId: row.id, ...storedCopy(row.content) };
}

export function toPublicRow(row: StoredFeedback): FeedbackFakeRow {
  return { id: row.id, created_at: new Date(row.createdAtMs).toISOString(), ...storedCopy(row.content) };
}
