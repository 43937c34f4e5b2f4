// /feedback/stats requests: windows around the run's anchor (sometimes too long, reversed or
// open-ended), granularities auto, chosen and odd, zones with DST and odd offsets, filters and
// metrics of every value type. Most pass validation; some break one rule on purpose.
import fc from 'fast-check';
import type { AggregationType, ValueType } from '@feedback/api-types';
import { sometimes, sometimesOrNull, withDefined } from './optional.js';
import { INVALID_JSON_PATHS, JSON_PATHS } from './payloads.js';
import { CUSTOM_TYPES, MONITOR_NAMES, SCORER_NAMES } from './rows.js';
import { formatWithOffset, INVALID_TIME_ZONES, MS, nearAnchorArb, VALID_TIME_ZONES } from './time.js';

const ALLOWED: Record<ValueType, readonly AggregationType[]> = {
  numeric: ['sum', 'avg', 'min', 'max', 'count'],
  boolean: ['sum', 'avg', 'min', 'max', 'count', 'count_true', 'count_false'],
  categorical: ['min', 'max', 'count'],
};
const ALL_AGGREGATIONS: readonly AggregationType[] = ALLOWED.boolean;
const PERCENTILES = [0, 5, 25, 50, 75, 95, 99.5, 100, 12.5, 33.3] as const;

export interface MetricTemplate {
  json_path: string;
  value_type?: ValueType;
  aggregations?: AggregationType[];
  percentiles?: number[];
  top_values?: number;
}

const metricArb: fc.Arbitrary<MetricTemplate> = fc
  .record({
    jsonPath: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...JSON_PATHS) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON_PATHS) }),
    valueType: sometimes(fc.constantFrom<ValueType>('numeric', 'boolean', 'categorical'), 1),
    allowedPick: fc.uniqueArray(fc.nat(6), { maxLength: 4 }),
    // Now and then any aggregation, repeats included: the 400 rules must agree too.
    anyAggregations: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...ALL_AGGREGATIONS), { maxLength: 3 }) }),
    listAggregations: fc.boolean(),
    percentiles: sometimes(
      fc.oneof(
        { weight: 12, arbitrary: fc.uniqueArray(fc.constantFrom(...PERCENTILES), { maxLength: 3 }) },
        { weight: 1, arbitrary: fc.array(fc.constantFrom(50, -1, 100.5, 0.001), { maxLength: 2 }) },
      ),
      1,
    ),
    // Our extension: mostly small (so ties and `other` are common), 50 for "everything".
    topValues: sometimes(fc.constantFrom(1, 2, 3, 50), 1),
  })
  .map(({ jsonPath, valueType, allowedPick, anyAggregations, listAggregations, percentiles, topValues }) => {
    const allowed = ALLOWED[valueType ?? 'numeric'];
    const picked = allowedPick.map((i) => allowed[i % allowed.length]).filter((a): a is AggregationType => a !== undefined);
    const m: MetricTemplate = { json_path: jsonPath };
    if (valueType !== undefined) m.value_type = valueType;
    if (anyAggregations !== undefined) m.aggregations = anyAggregations;
    else if (listAggregations) m.aggregations = [...new Set(picked)];
    // Percentiles of categorical metrics are refused: ask for them only now and then.
    if (percentiles !== undefined && (valueType !== 'categorical' || percentiles.length === 0 || allowedPick.length === 4)) m.percentiles = percentiles;
    // top_values off categorical metrics is refused: ask for it there only now and then.
    if (topValues !== undefined && (valueType === 'categorical' || allowedPick.length === 4)) m.top_values = topValues;
    return m;
  });

const durationArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 * 24 }).map((h) => h * MS.HOUR) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 * MS.DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 4, max: 31 }).map((d) => d * MS.DAY) },
  { weight: 1, arbitrary: fc.constantFrom(0, 31 * MS.DAY, 31 * MS.DAY + 1, -1, -MS.HOUR) },
);

const granularityArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(undefined, null, 0) },
  { weight: 6, arbitrary: fc.constantFrom(300, 900, 1800, 3600, 5400, 7200, 10800, 21600, 43200, 86400, 604800) },
  { weight: 1, arbitrary: fc.constantFrom(60, 1, 7, 3601) },
  { weight: 2, arbitrary: fc.integer({ min: 600, max: 200_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5) },
);

const timeZoneArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 10, arbitrary: fc.constantFrom(...VALID_TIME_ZONES) },
  { weight: 1, arbitrary: fc.constantFrom(...INVALID_TIME_ZONES) },
);

const triggerArb = fc.record({ monitor: fc.constantFrom(...MONITOR_NAMES, 'mo', 'mo_', 'mo%'), form: fc.constantFrom('exact', 'bare', 'prefix') });

export interface StatsTemplate {
  startOffsetMs: number;
  startZoneMinutes: number;
  /** `undefined`: no `end` (now); `null`: explicit null. */
  durationMs: number | null | undefined;
  granularity: number | null | undefined;
  timezone: string | undefined;
  feedbackType: string | null | undefined;
  trigger: { monitor: string; form: string } | null | undefined;
  metrics: MetricTemplate[] | undefined;
}

export const statsTemplateArb: fc.Arbitrary<StatsTemplate> = fc.record({
  startOffsetMs: nearAnchorArb(1.5),
  startZoneMinutes: fc.constantFrom(0, 0, -300, 330),
  durationMs: fc.oneof({ weight: 8, arbitrary: durationArb }, { weight: 1, arbitrary: fc.constantFrom(undefined, null) }),
  granularity: granularityArb,
  timezone: timeZoneArb,
  feedbackType: sometimesOrNull(fc.constantFrom(...SCORER_NAMES.map((n) => `wandb.runnable.${n}`), 'wandb.agent_monitor', 'wandb.note.1', ...CUSTOM_TYPES), 6),
  trigger: sometimesOrNull(triggerArb, 6),
  // Two metrics on one path would share a slug (a 400): mostly distinct paths.
  metrics: sometimes(
    fc.oneof(
      { weight: 9, arbitrary: fc.uniqueArray(metricArb, { maxLength: 3, selector: (m) => m.json_path }) },
      { weight: 1, arbitrary: fc.array(metricArb, { maxLength: 3 }) },
    ),
    1,
  ),
});

export function toStatsBody(t: StatsTemplate, project: string, anchorMs: number): Record<string, unknown> {
  const startMs = anchorMs + t.startOffsetMs;
  const trigger = t.trigger === null || t.trigger === undefined
    ? t.trigger
    : `weave:///${project}/object/${t.trigger.monitor}${t.trigger.form === 'exact' ? ':v1' : t.trigger.form === 'prefix' ? ':*' : ''}`;
  return withDefined(
    { project_id: project, start: formatWithOffset(startMs, t.startZoneMinutes) },
    {
      end: t.durationMs === null || t.durationMs === undefined ? t.durationMs : formatWithOffset(startMs + t.durationMs, 0),
      granularity: t.granularity,
      timezone: t.timezone,
      feedback_type: t.feedbackType,
      trigger_ref: trigger,
      metrics: t.metrics,
    },
  );
}
