// The CSV behind each chart: one line per bucket, the API's own timestamp first (so a file can be
// checked against the answer), the bucket's local time in the view's zone, then the values drawn.
import type { FeedbackAggregateRes, FeedbackStatsRes, GroupByDimension } from '@feedback/api-types';
import { toCsv, type CsvCell } from './csv.js';
import { booleanSeries, categoricalSeries, numericSeries, volumeSeries } from './stats-series.js';
import { bucketLabel } from './time-labels.js';
import type { PanelChoice } from './view-state.js';

function statsCsv(res: FeedbackStatsRes, timeZone: string, names: string[], columns: (readonly CsvCell[])[]): string {
  const rows = (res.buckets ?? []).map((b, i) => [b.timestamp, bucketLabel(Date.parse(b.timestamp), timeZone), ...columns.map((c) => c[i])]);
  return toCsv(['timestamp', `local_time (${timeZone})`, ...names], rows);
}

export function volumeCsv(res: FeedbackStatsRes, timeZone: string): string {
  return statsCsv(res, timeZone, ['count'], [volumeSeries(res).rows.map((v) => v ?? 0)]);
}

export function panelCsv(res: FeedbackStatsRes, panel: PanelChoice, timeZone: string): string {
  switch (panel.kind) {
    case 'numeric': {
      const s = numericSeries(res, panel.path);
      return statsCsv(res, timeZone, ['count', 'avg', 'p50', 'p95', 'min', 'max'], [s.count, s.avg, s.p50, s.p95, s.min, s.max]);
    }
    case 'boolean': {
      const s = booleanSeries(res, panel.path);
      return statsCsv(res, timeZone, ['pass_rate', 'count_true', 'count_false'], [s.passRate, s.passed, s.failed]);
    }
    case 'categorical': {
      const s = categoricalSeries(res, panel.path);
      // Per-value columns are the value's count; a bucket without any value is empty throughout.
      const names = (s.top?.labels ?? []).map((v) => `count: ${v}`);
      return statsCsv(res, timeZone, ['count', 'min', 'max', ...names], [s.count, s.min, s.max, ...(s.top?.counts ?? [])]);
    }
  }
}

/** One line per row of the answer (bucket × group), as the API sent them. */
export function aggregateCsv(res: FeedbackAggregateRes, groupBy: readonly GroupByDimension[], timeZone: string): string {
  const rows = (res.buckets ?? []).map((b) => {
    const start = b.time_bucket_start_ms ?? null;
    return [
      start,
      start === null ? '' : bucketLabel(start, timeZone),
      ...groupBy.map((d) => b.group?.[d] ?? ''),
      b.total_count,
      b.scored_count,
    ];
  });
  return toCsv(['time_bucket_start_ms', `local_time (${timeZone})`, ...groupBy, 'total_count', 'scored_count'], rows);
}
