// What the aggregate filters and groups read from a row, derived once when the row is written:
// the server stores these as typed columns, the fake keeps them beside the row.
import { objectIdOf, spanTypeOf } from './refs.js';
import type { PreparedFeedback } from './create.js';

export interface DerivedKeys {
  /** objectIdOf(runnable_ref): what `scorer_ids` and `group_by: scorer_id` see. */
  scorerId: string;
  /** objectIdOf(trigger_ref): what `monitor_ids` sees. */
  monitorId: string;
  /** spanTypeOf(weave_ref): what `span_types` sees. */
  spanType: string;
  /** scorer_ratings._rating_ when it is a number: what rating_min/rating_max see. */
  rating: number | null;
  /** A non-empty scorer_tags or scorer_ratings: what scored_count counts. */
  isScored: boolean;
}

type KeySource = Pick<PreparedFeedback, 'runnable_ref' | 'trigger_ref' | 'weave_ref' | 'scorer_ratings' | 'scorer_tags'>;

export function deriveKeys(f: KeySource): DerivedKeys {
  const rating = f.scorer_ratings['_rating_'];
  return {
    scorerId: objectIdOf(f.runnable_ref),
    monitorId: objectIdOf(f.trigger_ref),
    spanType: spanTypeOf(f.weave_ref),
    rating: typeof rating === 'number' ? rating : null,
    isScored: f.scorer_tags.length > 0 || Object.keys(f.scorer_ratings).length > 0,
  };
}
