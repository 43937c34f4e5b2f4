// A stats answer for a person: one line per bucket in the answer's zone, a bar for its row count,
// each metric's outputs; then the window totals and a sparkline per series.
import type { FeedbackStatsRes, StatsValue } from '@feedback/sdk';
import type { Colors } from '../context.js';
import { asNumber, formatBucket, formatCount, formatValue, localLabel } from './format-values.js';
import { bar, fit, sparkline } from './sparkline.js';
import { renderTable } from './table.js';

export function renderStats(answer: FeedbackStatsRes, project: string, c: Colors, columns: number): string {
  const buckets = answer.buckets ?? [];
  const zone = answer.timezone;
  const keys = outputKeys(buckets);
  const lines: string[] = [];
  const range = `${localLabel(Date.parse(answer.start), zone, null)} → ${localLabel(Date.parse(answer.end), zone, null)}`;
  lines.push(`${c.bold(project)}  ${c.dim(`${formatBucket(answer.granularity)} buckets, ${range} (${zone})`)}`);
  if (buckets.length === 0) {
    lines.push(c.dim('no buckets in this window'));
    return lines.join('\n');
  }
  const maxCount = Math.max(...buckets.map((b) => b.count));
  const barWidth = Math.max(8, Math.min(24, columns - 60 - keys.length * 14));
  const rows = buckets.map((b) => [
    localLabel(Date.parse(b.timestamp), zone, answer.granularity),
    formatCount(b.count),
    c.cyan(bar(b.count, maxCount, barWidth)),
    ...keys.map((k) => formatValue(b[k])),
  ]);
  lines.push('');
  lines.push(
    renderTable(
      [{ header: `time (${zone})` }, { header: 'rows', align: 'right' }, { header: '' }, ...keys.map((k) => ({ header: k, align: 'right' as const }))],
      rows,
      c,
    ),
  );
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  lines.push('');
  lines.push(`${c.bold('window')}  ${formatCount(total)} rows`);
  for (const [slug, values] of Object.entries(answer.window_stats ?? {})) {
    const parts = Object.entries(values).map(([agg, v]) => `${agg} ${formatValue(v)}`);
    lines.push(`  ${slug.padEnd(24)} ${parts.join('  ')}`);
  }
  const width = Math.max(10, Math.min(buckets.length, columns - 30));
  lines.push('');
  lines.push(c.bold('trend'));
  const series: [string, (number | null)[]][] = [['rows', buckets.map((b) => b.count)], ...keys.map((k): [string, (number | null)[]] => [k, buckets.map((b) => asNumber(b[k]))])];
  for (const [name, values] of series) {
    if (values.every((v) => v === null)) continue;
    lines.push(`  ${name.padEnd(24)} ${c.cyan(sparkline(fit(values, width)))}`);
  }
  return lines.join('\n');
}

/** The metric outputs of the answer, in its order (the request's): every key but timestamp and count. */
function outputKeys(buckets: readonly { [key: string]: StatsValue | string | number | undefined }[]): string[] {
  const keys: string[] = [];
  for (const b of buckets) for (const k of Object.keys(b)) if (k !== 'timestamp' && k !== 'count' && !keys.includes(k)) keys.push(k);
  return keys;
}
