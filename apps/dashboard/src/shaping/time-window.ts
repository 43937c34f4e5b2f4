// The window a view covers and the bucket sizes its two queries use. The stats granularity comes
// from the API's own rule (@feedback/semantics), so "auto" here is exactly what the server picks.
import { MAX_AGGREGATE_BUCKETS, MAX_FILTERED_RANGE_MS, MAX_STATS_RANGE_MS, resolveGranularity } from '@feedback/semantics';
import type { RangePreset, ViewState } from './view-state.js';

const HOUR_MS = 3_600_000;
export const PRESET_MS: Readonly<Record<RangePreset, number>> = {
  '1h': HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

/** Sizes offered when choosing by hand, seconds. */
export const GRANULARITY_CHOICES = [60, 300, 900, 3600, 21_600, 43_200, 86_400] as const;
// Aggregate buckets are epoch-aligned (UTC); these sizes divide a day, then whole days and weeks.
const AGGREGATE_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800] as const;

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export type WindowProblem = 'order' | 'too-long';

/**
 * The view's window: a preset ends at `nowMs` (rounded down to the minute, so that renders within
 * a minute ask the same question and share the cache); a custom range is taken as given.
 */
export function viewWindow(v: Pick<ViewState, 'range' | 'start' | 'end'>, nowMs: number): TimeWindow {
  if (v.range === 'custom' && v.start !== null && v.end !== null) return { startMs: v.start, endMs: v.end };
  const endMs = Math.floor(nowMs / 60_000) * 60_000;
  const preset = v.range === 'custom' ? '24h' : v.range;
  return { startMs: endMs - PRESET_MS[preset], endMs };
}

/** Why the stats endpoint would refuse this window, if it would. */
export function windowProblem(w: TimeWindow): WindowProblem | null {
  if (w.endMs <= w.startMs) return 'order';
  if (w.endMs - w.startMs > MAX_STATS_RANGE_MS) return 'too-long';
  return null;
}

/** The stats granularity (seconds) the server will use: auto or chosen, then its bucket cap. */
export function statsGranularity(w: TimeWindow, chosen: number | null): number {
  return resolveGranularity(chosen, w.endMs - w.startMs);
}

/**
 * The aggregate bucket size: the one chosen, else the stats granularity; then the smallest step
 * at least that large that keeps the window within the endpoint's 256 buckets.
 */
export function aggregateBucketSeconds(w: TimeWindow, preferred: number): number {
  const rangeMs = w.endMs - w.startMs;
  const fits = (t: number) => rangeMs <= MAX_AGGREGATE_BUCKETS * t * 1000;
  if (fits(preferred)) return preferred;
  const step = AGGREGATE_STEPS.find((t) => t >= preferred && fits(t));
  return step ?? Math.ceil(rangeMs / (MAX_AGGREGATE_BUCKETS * 1000));
}

/** Aggregate filters are allowed over at most 31 days (a rule of the endpoint). */
export function filteredRangeTooLong(w: TimeWindow): boolean {
  return w.endMs - w.startMs > MAX_FILTERED_RANGE_MS;
}

/** `5 min`, `1 h`, `6 h`, `1 d`. */
export function durationLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
