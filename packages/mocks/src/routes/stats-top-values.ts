// `top_values` of /feedback/stats (our extension) in the fake, as the server's
// sql/stats-top-values.ts computes it: the rows of the window that pass the request's filters,
// each asking metric's categorical value tallied per local-time bucket; ranking and layout are the
// shared ones (countTopValues, withTopValues).
import {
  bucketKeyOf,
  countTopValues,
  extractMetricValue,
  extractPath,
  triggerRefMatches,
  type CheckedStatsRequest,
  type ComputedTopValues,
} from '@feedback/semantics';
import type { StoredFeedback } from '../store/stored-feedback.js';

/** One entry per request metric: the counts of each metric that asks, `undefined` for the others. */
export function computeTopValues(checked: CheckedStatsRequest, rows: Iterable<StoredFeedback>): (ComputedTopValues | undefined)[] {
  const { window, metrics } = checked;
  const asking = metrics.flatMap((m, i) => (m.topValues === undefined ? [] : [{ m, i, tallies: new Map<number, Map<string, number>>() }]));
  if (asking.length === 0) return metrics.map(() => undefined);
  for (const row of rows) {
    if (checked.feedbackType !== null && row.content.feedback_type !== checked.feedbackType) continue;
    if (!triggerRefMatches(checked.triggerRef, row.content.trigger_ref)) continue;
    const key = bucketKeyOf(row.createdAtMs, window.granularity, window.timeZone);
    for (const { m, tallies } of asking) {
      const value = extractMetricValue('categorical', extractPath(row.content.payload, m.segments));
      if (typeof value !== 'string') continue;
      let tally = tallies.get(key);
      if (tally === undefined) {
        tally = new Map();
        tallies.set(key, tally);
      }
      tally.set(value, (tally.get(value) ?? 0) + 1);
    }
  }
  const out: (ComputedTopValues | undefined)[] = metrics.map(() => undefined);
  for (const { m, i, tallies } of asking) out[i] = countTopValues(tallies, m.topValues ?? 0);
  return out;
}
