// The one stats request behind the project view: volume (`count`), every panel's metric, and the
// window totals, in a single call.
import type { FeedbackMetricSpec, FeedbackStatsReq } from '@feedback/api-types';
import type { PanelChoice } from './view-state.js';
import type { TimeWindow } from './time-window.js';

/** The percentiles a numeric panel's band is drawn between, and its median. */
export const BAND_PERCENTILES = [50, 95] as const;

/** How many of a categorical metric's most frequent values get their own stack (the rest: "other"). */
export const TOP_VALUES = 6;

export function metricSpec(panel: PanelChoice): FeedbackMetricSpec {
  switch (panel.kind) {
    case 'numeric':
      return { json_path: panel.path, value_type: 'numeric', aggregations: ['avg', 'min', 'max', 'count'], percentiles: [...BAND_PERCENTILES] };
    case 'boolean':
      return { json_path: panel.path, value_type: 'boolean', aggregations: ['count_true', 'count_false'] };
    case 'categorical':
      return { json_path: panel.path, value_type: 'categorical', aggregations: ['count', 'min', 'max'], top_values: TOP_VALUES };
  }
}

export interface StatsRequestArgs {
  project: string;
  window: TimeWindow;
  granularity: number;
  timeZone: string;
  panels: readonly PanelChoice[];
  feedbackType: string;
}

export function statsRequest(a: StatsRequestArgs): FeedbackStatsReq {
  const body: FeedbackStatsReq = {
    project_id: a.project,
    start: new Date(a.window.startMs).toISOString(),
    end: new Date(a.window.endMs).toISOString(),
    granularity: a.granularity,
    timezone: a.timeZone,
    metrics: a.panels.map(metricSpec),
  };
  if (a.feedbackType !== '') body.feedback_type = a.feedbackType;
  return body;
}
