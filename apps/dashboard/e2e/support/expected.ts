// What each chart should show, worked out from the API's answer alone (not from the app's code),
// by the counting rule the dashboard's README states: one entry per bucket of the answer's grid,
// a bucket without a value is a gap. The panel attributes and CSV files are checked against this.
import type { FeedbackAggregateRes, FeedbackStatsRes } from '@feedback/sdk';

export interface ChartCounts {
  buckets: number;
  points: number;
  gaps: number;
  /** Local label (`YYYY-MM-DD HH:mm` in the view's zone) of the first and last bucket. */
  first: string;
  last: string;
}

/** Wall-clock time of an instant in a zone, `YYYY-MM-DD HH:mm` (Node's own ICU). */
export function localLabel(epochMs: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(epochMs).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
}

/** The json_path's slug as the stats answer names it (`output.score` → `output_score`). */
export function slugOf(jsonPath: string): string {
  return jsonPath.replace(/[. ]/g, '_');
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Does bucket `b` carry a value for the panel `panel` (`volume`, `numeric:<path>`, …)? */
export function statsHasValue(b: Record<string, unknown> & { count: number }, panel: string): boolean {
  if (panel === 'volume') return b.count > 0;
  const [kind, ...rest] = panel.split(':');
  const slug = slugOf(rest.join(':'));
  switch (kind) {
    case 'numeric':
      return num(b[`avg_${slug}`]) !== null;
    case 'boolean':
      return (num(b[`count_true_${slug}`]) ?? 0) + (num(b[`count_false_${slug}`]) ?? 0) > 0;
    case 'categorical':
      return (num(b[`count_${slug}`]) ?? 0) > 0;
    default:
      throw new Error(`unknown panel ${panel}`);
  }
}

export function statsCounts(res: FeedbackStatsRes, panel: string, timeZone: string): ChartCounts {
  const buckets = res.buckets ?? [];
  const points = buckets.filter((b) => statsHasValue(b, panel)).length;
  const first = buckets[0];
  const last = buckets.at(-1);
  if (first === undefined || last === undefined) throw new Error('the answer has no buckets');
  return {
    buckets: buckets.length,
    points,
    gaps: buckets.length - points,
    first: localLabel(Date.parse(first.timestamp), timeZone),
    last: localLabel(Date.parse(last.timestamp), timeZone),
  };
}

/** The aggregate's grid: multiples of the bucket size from the one holding after_ms, before before_ms. */
export function aggregateGrid(res: FeedbackAggregateRes): number[] {
  const size = (res.time_bucket_seconds ?? 0) * 1000;
  if (size <= 0) throw new Error('the e2e expects a bucketed aggregate answer');
  const grid: number[] = [];
  for (let t = Math.floor(res.after_ms / size) * size; t < res.before_ms; t += size) grid.push(t);
  return grid;
}

export function aggregateCounts(res: FeedbackAggregateRes, timeZone: string): ChartCounts {
  const grid = aggregateGrid(res);
  const filled = new Set((res.buckets ?? []).map((b) => b.time_bucket_start_ms));
  const points = grid.filter((t) => filled.has(t)).length;
  return {
    buckets: grid.length,
    points,
    gaps: grid.length - points,
    first: localLabel(grid[0] ?? Number.NaN, timeZone),
    last: localLabel(grid.at(-1) ?? Number.NaN, timeZone),
  };
}
