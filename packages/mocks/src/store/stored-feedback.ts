// A feedback row as the fake keeps it: the prepared content as the database would return it,
// the id and creation instant, and the columns the server derives at write time for the
// aggregations (see the server's sql/feedback-row.ts).
import { deriveKeys, type DerivedKeys, type PreparedFeedback } from '@feedback/semantics';
import { jsonbCopy } from './jsonb-copy.js';

/** The content columns: everything checkCreateRequest returns but the client's id. */
export type FeedbackContent = Omit<PreparedFeedback, 'clientId'>;

export interface StoredFeedback extends DerivedKeys {
  id: string;
  createdAtMs: number;
  content: FeedbackContent;
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
  return { id, createdAtMs, content, ...deriveKeys(content) };
}

/** The content of a stored row as checkCreateRequest would give it, for sameFeedbackContent. */
export function toPrepared(row: StoredFeedback): PreparedFeedback {
  return { clientId: row.id, ...storedCopy(row.content) };
}

export function toPublicRow(row: StoredFeedback): FeedbackFakeRow {
  return { id: row.id, created_at: new Date(row.createdAtMs).toISOString(), ...storedCopy(row.content) };
}
