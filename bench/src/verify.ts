// Checks the server's answers against the obvious SQL's, value by value: a faster query that
// answers differently would be no win. Throws on the first difference.
import type { FeedbackAggregateRes, FeedbackStatsRes } from '@feedback/sdk';

type Row = Record<string, unknown>;

function close(a: unknown, b: unknown, what: string): void {
  const x = a === null || a === undefined ? null : Number(a);
  const y = b === null || b === undefined ? null : Number(b);
  if (x === null || y === null) {
    if (x !== y) throw new Error(`${what}: server ${String(a)} ≠ obvious ${String(b)}`);
    return;
  }
  // Sums of floats may be added in another order (parallel workers): allow the last bits.
  if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) {
    throw new Error(`${what}: server ${x} ≠ obvious ${y}`);
  }
}

/** The local wall-clock key (seconds) of a bucket timestamp written with its offset. */
function localKey(timestamp: string): number {
  return Date.parse(`${timestamp.slice(0, 19)}Z`) / 1000;
}

const STATS_FIELDS: [server: string, obvious: string][] = [
  ['avg_output_scores_relevance', 'avg_relevance'],
  ['min_output_scores_relevance', 'min_relevance'],
  ['max_output_scores_relevance', 'max_relevance'],
  ['p50_output_scores_relevance', 'p50_relevance'],
  ['p95_output_scores_relevance', 'p95_relevance'],
  ['count_true_output_passed', 'count_true_passed'],
  ['count_false_output_passed', 'count_false_passed'],
  ['count_output_label', 'count_label'],
];

const WINDOW_FIELDS: [slug: string, agg: string, obvious: string][] = [
  ['output_scores_relevance', 'avg', 'avg_relevance'],
  ['output_scores_relevance', 'min', 'min_relevance'],
  ['output_scores_relevance', 'max', 'max_relevance'],
  ['output_scores_relevance', 'p50', 'p50_relevance'],
  ['output_scores_relevance', 'p95', 'p95_relevance'],
  ['output_passed', 'count_true', 'count_true_passed'],
  ['output_passed', 'count_false', 'count_false_passed'],
  ['output_label', 'count', 'count_label'],
];

/**
 * `obvious` = [bucket rows, [window row]] from obviousStats. Every field the obvious SQL computed
 * is compared (a request without percentiles has no p50 column there, and none in the answer).
 */
export function verifyStats(res: FeedbackStatsRes, obvious: Row[][]): string {
  const [buckets = [], [window] = []] = obvious;
  if (window === undefined) throw new Error('obvious SQL returned no window row');
  const asked = (column: string): boolean => Object.prototype.hasOwnProperty.call(window, column);
  const byKey = new Map(buckets.map((r) => [Math.round(Number(r['bucket_key'])), r]));
  let nonEmpty = 0;
  const resBuckets = res.buckets ?? [];
  for (const b of resBuckets) {
    const key = localKey(b.timestamp);
    const row = byKey.get(key);
    const count = Number(b['count']);
    if (row === undefined) {
      if (count !== 0) throw new Error(`bucket ${b.timestamp}: server counts ${count}, obvious SQL has no rows`);
      continue;
    }
    nonEmpty++;
    byKey.delete(key);
    close(count, row['n'], `bucket ${b.timestamp} count`);
    for (const [s, o] of STATS_FIELDS) if (asked(o)) close(b[s], row[o], `bucket ${b.timestamp} ${s}`);
  }
  if (byKey.size > 0) throw new Error(`obvious SQL has ${byKey.size} bucket(s) the server lacks`);
  const ws = res.window_stats as Record<string, Record<string, number | null>> | null;
  for (const [slug, agg, o] of WINDOW_FIELDS) {
    if (asked(o)) close(ws?.[slug]?.[agg] ?? null, window[o], `window ${agg} of ${slug}`);
  }
  return `${resBuckets.length} buckets (${nonEmpty} with rows) and window stats identical to the obvious SQL`;
}

/** `obvious` = [counts, tag rows, rating rows] from obviousGroupedAggregate/obviousTotalAggregate. */
export function verifyAggregate(res: FeedbackAggregateRes, obvious: Row[][], keyed: boolean): string {
  const [counts = [], tags = [], ratings = []] = obvious;
  const keyOf = (r: Row): string =>
    keyed ? `${new Date(r['bucket'] as string | Date).getTime()}|${String(r['scorer_id'])}|${String(r['span_status_code'])}` : 'total';
  const expected = new Map<string, { total: number; scored: number; tags: Record<string, number>; counts: Record<string, number>; sums: Record<string, number> }>();
  const entry = (k: string) => {
    let e = expected.get(k);
    if (e === undefined) expected.set(k, (e = { total: 0, scored: 0, tags: {}, counts: {}, sums: {} }));
    return e;
  };
  for (const r of counts) Object.assign(entry(keyOf(r)), { total: Number(r['total_count']), scored: Number(r['scored_count']) });
  for (const r of tags) entry(keyOf(r)).tags[String(r['tag'])] = Number(r['count']);
  for (const r of ratings) {
    const e = entry(keyOf(r));
    e.counts[String(r['key'])] = Number(r['count']);
    e.sums[String(r['key'])] = Number(r['sum']);
  }
  const buckets = res.buckets ?? [];
  if (buckets.length !== expected.size) throw new Error(`server has ${buckets.length} rows, obvious SQL ${expected.size}`);
  for (const b of buckets) {
    const k = keyed ? `${b.time_bucket_start_ms}|${b.group?.['scorer_id']}|${b.group?.['span_status_code']}` : 'total';
    const e = expected.get(k);
    if (e === undefined) throw new Error(`server row ${k} is not in the obvious SQL's answer`);
    close(b.total_count, e.total, `${k} total_count`);
    close(b.scored_count, e.scored, `${k} scored_count`);
    for (const [name, got = {}, want] of [['tag_counts', b.tag_counts, e.tags], ['rating_counts', b.rating_counts, e.counts], ['rating_sums', b.rating_sums, e.sums]] as const) {
      const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
      for (const key of keys) close(got[key], want[key], `${k} ${name}.${key}`);
    }
  }
  return `${buckets.length} rows identical to the obvious SQL`;
}
