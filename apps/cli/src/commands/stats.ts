// `feedback stats`: /feedback/stats as a table of buckets in local time, with bars for the row
// counts, the window totals, and a sparkline per metric.
import { Command, InvalidArgumentError } from 'commander';
import type { FeedbackMetricSpec, FeedbackStatsReq, ValueType } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { say } from '../context.js';
import { withJson, withProject, withWindow, withZone } from '../options/common-options.js';
import { granularitySeconds, list, percentileList } from '../options/parse-values.js';
import type { AggregationType } from '@feedback/sdk';
import { resolveWindow } from '../options/time-window.js';
import { renderStats } from '../render/stats-view.js';

interface StatsOptions {
  project: string;
  since?: string;
  from?: string;
  to?: string;
  tz?: string;
  granularity: number | 'auto';
  metric: MetricChoice[];
  agg?: AggregationType[];
  percentiles?: number[];
  type?: string;
  trigger?: string;
  json?: boolean;
  url?: string;
  key?: string;
}

const VALUE_TYPES: readonly ValueType[] = ['numeric', 'boolean', 'categorical'];

/** "output.score", "output.passed:boolean", "model:categorical". */
interface MetricChoice {
  json_path: string;
  value_type: ValueType;
}

function metricOption(text: string, previous: MetricChoice[]): MetricChoice[] {
  return [...previous, parseMetric(text)];
}

export function parseMetric(text: string): MetricChoice {
  const at = text.lastIndexOf(':');
  const type = at === -1 ? 'numeric' : text.slice(at + 1);
  const path = at === -1 ? text : text.slice(0, at);
  if (!(VALUE_TYPES as readonly string[]).includes(type)) throw new InvalidArgumentError(`"${type}" is not a value type: numeric, boolean or categorical.`);
  if (path === '') throw new InvalidArgumentError('A metric names a payload path, e.g. output.score.');
  return { json_path: path, value_type: type as ValueType };
}

const AGGREGATIONS: readonly AggregationType[] = ['sum', 'avg', 'min', 'max', 'count', 'count_true', 'count_false'];

function aggregationList(text: string, previous?: AggregationType[]): AggregationType[] {
  return list(text).map((a) => {
    if (!(AGGREGATIONS as readonly string[]).includes(a)) throw new InvalidArgumentError(`"${a}" is not an aggregation: ${AGGREGATIONS.join(', ')}.`);
    return a as AggregationType;
  }).concat(previous ?? []);
}

export function statsCommand(ctx: Context): Command {
  const cmd = new Command('stats').summary('metrics of a project over time (/feedback/stats)');
  withProject(cmd);
  withWindow(cmd, '24h');
  withZone(cmd, 'the buckets and their labels');
  cmd
    .option('-g, --granularity <size>', 'bucket size: auto, 15m, 1h, 1d …', granularitySeconds, 'auto' as const)
    .option('-m, --metric <path[:type]>', 'payload path to aggregate, numeric by default (repeatable): output.score, output.passed:boolean', metricOption, [])
    .option('--agg <list>', 'aggregations for every metric: avg,min,max,sum,count,count_true,count_false', aggregationList)
    .option('--percentiles <list>', 'percentiles of numeric metrics, e.g. 50,95', percentileList)
    .option('--type <feedback_type>', 'only rows of this feedback type')
    .option('--trigger <ref>', 'only rows of this trigger (monitor) ref; a ref without digest matches every version');
  withJson(cmd);
  return cmd
    .description(
      'Buckets of rows over a window of at most 31 days, aligned in --tz (a day is 23 or 25 hours across a DST change), ' +
        'with the count of rows and the aggregations of each --metric. Empty buckets show no value: no data is not zero.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ feedback stats -p acme/demo --since 7d -g 1d --tz America/New_York -m output.score --percentiles 50,95
  $ feedback stats -p acme/demo --since 24h -m output.passed:boolean --type wandb.runnable.helpfulness
  $ feedback stats -p acme/demo --from 2024-03-09 --to 2024-03-12 --tz America/New_York -g 1d --json | jq '.buckets[].count'`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<StatsOptions>();
      const zone = opts.tz ?? ctx.config.localZone;
      const window = resolveWindow(opts, zone, ctx.now(), 86_400_000);
      const metrics: FeedbackMetricSpec[] = opts.metric.map((m) => {
        return {
          ...m,
          ...(opts.agg === undefined ? {} : { aggregations: opts.agg }),
          ...(opts.percentiles === undefined || m.value_type === 'categorical' ? {} : { percentiles: opts.percentiles }),
        };
      });
      const body = {
        project_id: opts.project,
        start: new Date(window.startMs).toISOString(),
        end: new Date(window.endMs).toISOString(),
        timezone: zone,
        ...(opts.granularity === 'auto' ? {} : { granularity: opts.granularity }),
        ...(metrics.length === 0 ? {} : { metrics }),
        ...(opts.type === undefined ? {} : { feedback_type: opts.type }),
        ...(opts.trigger === undefined ? {} : { trigger_ref: opts.trigger }),
      } satisfies FeedbackStatsReq;
      const answer = await apiClient(ctx, opts).stats(body);
      if (opts.json) say(ctx, JSON.stringify(answer, null, 2));
      else say(ctx, renderStats(answer, opts.project, ctx.out, ctx.config.columns));
    });
}
