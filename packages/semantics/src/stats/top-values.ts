// `top_values` (our extension to /feedback/stats): for a categorical metric that asks, the N values
// most frequent over the whole window, counted in every bucket and in total, plus `other` for the
// rest of the present values. One value set for the whole answer, so a stacked chart of the buckets
// is consistent from bar to bar. The server (counts from SQL) and the fake (counts from JS) both
// end here, so the ranking, the grid layout and the key order are written once.
import type { FeedbackStatsRes, StatsTopValues, StatsValueCounts } from '@feedback/api-types';
import type { ResolvedMetric } from '../rules/index.js';
import { compareCodePoints } from '../values/order.js';
import type { CheckedStatsRequest } from './check-request.js';

/** What an engine counted for one metric with `top_values`. */
export interface ComputedTopValues {
  /** The window's most frequent values, in answer order (rankTopValues). */
  values: readonly string[];
  /** Per bucket key with present values: `counts[i]` of `values[i]`, and the rest. Absent keys count 0. */
  byBucketKey: ReadonlyMap<number, StatsValueCounts>;
  /** The same over the whole window. */
  window: StatsValueCounts;
}

/**
 * The `n` most frequent values: count descending, equal counts by value in code point order (the
 * server's `ORDER BY count DESC, value COLLATE "C"`), so ties never depend on row order.
 */
export function rankTopValues(totals: ReadonlyMap<string, number>, n: number): string[] {
  return [...totals]
    .sort(([a, x], [b, y]) => y - x || compareCodePoints(a, b))
    .slice(0, n)
    .map(([value]) => value);
}

/** Counts of `values` (and the rest) in one tally of present values. */
function countsOf(tally: ReadonlyMap<string, number>, values: readonly string[]): StatsValueCounts {
  const counts = values.map((v) => tally.get(v) ?? 0);
  let present = 0;
  for (const n of tally.values()) present += n;
  return { counts, other: present - counts.reduce((sum, n) => sum + n, 0) };
}

/** One metric's top values from its per-bucket tallies of present values (the fake's path). */
export function countTopValues(tallies: ReadonlyMap<number, ReadonlyMap<string, number>>, n: number): ComputedTopValues {
  const totals = new Map<string, number>();
  for (const tally of tallies.values()) {
    for (const [value, count] of tally) totals.set(value, (totals.get(value) ?? 0) + count);
  }
  const values = rankTopValues(totals, n);
  const byBucketKey = new Map<number, StatsValueCounts>();
  for (const [key, tally] of tallies) byBucketKey.set(key, countsOf(tally, values));
  return { values, byBucketKey, window: countsOf(totals, values) };
}

/** Whether any metric of the request asked for `top_values` (else the answer has no such key). */
export function wantsTopValues(metrics: readonly ResolvedMetric[]): boolean {
  return metrics.some((m) => m.topValues !== undefined);
}

function laidOut(computed: ComputedTopValues | undefined, grid: CheckedStatsRequest['grid']): StatsTopValues {
  const values = [...(computed?.values ?? [])];
  const empty = (): StatsValueCounts => ({ counts: values.map(() => 0), other: 0 });
  const copy = (c: StatsValueCounts): StatsValueCounts => ({ counts: [...c.counts], other: c.other });
  const known = (c: StatsValueCounts | undefined): StatsValueCounts => (c === undefined ? empty() : copy(c));
  return {
    values,
    window: known(computed?.window),
    buckets: grid.map((slot) => known(computed?.byBucketKey.get(slot.key))),
  };
}

/**
 * The answer with `top_values` added last, keyed by the slug of each metric that asked (in request
 * order); `computed[i]` belongs to `metrics[i]` (`undefined` reads as no present values). Without
 * such a metric the answer is returned as it is, so requests without the extension are unchanged.
 */
export function withTopValues(
  answer: FeedbackStatsRes,
  checked: Pick<CheckedStatsRequest, 'metrics' | 'grid'>,
  computed: readonly (ComputedTopValues | undefined)[],
): FeedbackStatsRes {
  if (!wantsTopValues(checked.metrics)) return answer;
  // fromEntries defines own properties: a metric whose slug is "__proto__" stays a key.
  const topValues = Object.fromEntries(
    checked.metrics.flatMap((m, i) => (m.topValues === undefined ? [] : [[m.slug, laidOut(computed[i], checked.grid)] as const])),
  );
  return { ...answer, top_values: topValues };
}
