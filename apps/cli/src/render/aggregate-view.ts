// An aggregate answer for a person: a row per (bucket, group) with counts, average ratings and the
// most frequent tags; then one line per group with its totals and a sparkline over the buckets.
import type { FeedbackAggregateBucket, FeedbackAggregateRes } from '@feedback/sdk';
import type { Colors } from '../context.js';
import { formatBucket, formatCount, formatNumber, localLabel } from './format-values.js';
import { bar, fit, sparkline } from './sparkline.js';
import { renderTable } from './table.js';

export function renderAggregate(answer: FeedbackAggregateRes, project: string, zone: string, c: Colors, columns: number): string {
  const buckets = answer.buckets ?? [];
  const size = answer.time_bucket_seconds ?? null;
  const lines: string[] = [];
  const range = `${localLabel(answer.after_ms, zone, null)} → ${localLabel(answer.before_ms, zone, null)}`;
  lines.push(`${c.bold(project)}  ${c.dim(`${size === null ? 'whole window' : `${formatBucket(size)} buckets`}, ${range} (${zone})`)}`);
  if (buckets.length === 0) {
    lines.push(c.dim('no scorer feedback in this window'));
    return lines.join('\n');
  }
  const dims = [...new Set(buckets.flatMap((b) => Object.keys(b.group ?? {})))];
  const ratingKeys = [...new Set(buckets.flatMap((b) => Object.keys(b.rating_counts ?? {})))].sort();
  const maxTotal = Math.max(...buckets.map((b) => b.total_count));
  const rows = buckets.map((b) => [
    // Buckets are UTC-aligned: a day bucket starts at the zone's local time of UTC midnight, so the label keeps the time.
    ...(size === null ? [] : [b.time_bucket_start_ms === null || b.time_bucket_start_ms === undefined ? '' : localLabel(b.time_bucket_start_ms, zone, null)]),
    ...dims.map((d) => b.group?.[d] ?? ''),
    formatCount(b.total_count),
    c.cyan(bar(b.total_count, maxTotal, 12)),
    formatCount(b.scored_count),
    ...ratingKeys.map((k) => averageRating(b, k)),
    topTags(b, 3),
  ]);
  lines.push('');
  lines.push(
    renderTable(
      [
        ...(size === null ? [] : [{ header: `time (${zone})` }]),
        ...dims.map((d) => ({ header: d })),
        { header: 'rows', align: 'right' as const },
        { header: '' },
        { header: 'scored', align: 'right' as const },
        ...ratingKeys.map((k) => ({ header: `avg ${k}`, align: 'right' as const })),
        { header: 'top tags' },
      ],
      rows,
      c,
    ),
  );
  if (size !== null && dims.length > 0) lines.push('', c.bold('per group'), ...groupTrends(buckets, dims, c, columns));
  return lines.join('\n');
}

function averageRating(b: FeedbackAggregateBucket, key: string): string {
  const n = b.rating_counts?.[key] ?? 0;
  const sum = b.rating_sums?.[key];
  return n === 0 || sum === undefined ? '–' : formatNumber(sum / n);
}

function topTags(b: FeedbackAggregateBucket, n: number): string {
  return Object.entries(b.tag_counts ?? {})
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, n)
    .map(([tag, count]) => `${tag} ${formatCount(count)}`)
    .join(', ');
}

function groupTrends(buckets: readonly FeedbackAggregateBucket[], dims: readonly string[], c: Colors, columns: number): string[] {
  const times = [...new Set(buckets.map((b) => b.time_bucket_start_ms ?? 0))].sort((a, b) => a - b);
  const groups = new Map<string, Map<number, number>>();
  for (const b of buckets) {
    const name = dims.map((d) => b.group?.[d] ?? '').join(' · ');
    const series = groups.get(name) ?? new Map<number, number>();
    series.set(b.time_bucket_start_ms ?? 0, (series.get(b.time_bucket_start_ms ?? 0) ?? 0) + b.total_count);
    groups.set(name, series);
  }
  const width = Math.max(10, Math.min(times.length, columns - 50));
  const nameWidth = Math.min(40, Math.max(...[...groups.keys()].map((g) => g.length)));
  return [...groups.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([name, series]) => {
      const total = [...series.values()].reduce((s, v) => s + v, 0);
      // A bucket in which the group has no rows is a gap, not a zero.
      const values = times.map((t) => series.get(t) ?? null);
      return `  ${(name || '(none)').padEnd(nameWidth)}  ${formatCount(total).padStart(8)}  ${c.cyan(sparkline(fit(values, width)))}`;
    });
}
