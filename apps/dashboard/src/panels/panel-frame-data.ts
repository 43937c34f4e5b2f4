// What every stats panel derives the same way: its state, coverage and first/last bucket labels.
import type { FeedbackStatsRes } from '@feedback/api-types';
import type { PanelState } from '../charts/chart-panel.js';
import { coverage, type Column, type Coverage } from '../shaping/stats-series.js';
import { bucketLabel } from '../shaping/time-labels.js';

export interface StatsQueryView {
  data: FeedbackStatsRes | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
}

export interface FrameData {
  state: PanelState;
  fetching: boolean;
  coverage: Coverage | undefined;
  firstBucket: string | undefined;
  lastBucket: string | undefined;
}

export function frameData(q: StatsQueryView, times: number[], values: Column | undefined, timeZone: string): FrameData {
  const first = times[0];
  const last = times[times.length - 1];
  const labels = {
    firstBucket: first === undefined ? undefined : bucketLabel(first, timeZone),
    lastBucket: last === undefined ? undefined : bucketLabel(last, timeZone),
  };
  if (q.data === undefined) {
    return { state: q.error ? 'error' : 'loading', fetching: q.isFetching, coverage: undefined, firstBucket: undefined, lastBucket: undefined };
  }
  const cov = values === undefined ? undefined : coverage(values);
  return { state: cov === undefined || cov.points === 0 ? 'empty' : 'ready', fetching: q.isFetching, coverage: cov, ...labels };
}
