// `feedback aggregate`: /feedback/aggregate as a table per time bucket and group, with average
// ratings (sum / count) and the top tags, then one line per group with its trend.
import { Command, InvalidArgumentError } from 'commander';
import type { FeedbackAggregateReq, GroupByDimension, SpanType } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import { UsageError } from '../cli-errors.js';
import type { Context } from '../context.js';
import { say } from '../context.js';
import { withJson, withProject, withWindow, withZone } from '../options/common-options.js';
import { durationMs, list } from '../options/parse-values.js';
import { resolveWindow } from '../options/time-window.js';
import { renderAggregate } from '../render/aggregate-view.js';

interface AggregateOptions {
  project: string;
  since?: string;
  from?: string;
  to?: string;
  tz?: string;
  bucket: string;
  groupBy?: GroupByDimension[];
  type?: string[];
  tag?: string[];
  scorer?: string[];
  monitor?: string[];
  agent?: string[];
  spanType?: SpanType[];
  ratingMin?: number;
  ratingMax?: number;
  json?: boolean;
  url?: string;
  key?: string;
}

const GROUPS: readonly GroupByDimension[] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'];
const SPAN_TYPES: readonly SpanType[] = ['agent_turn', 'agent_conversation'];

function oneOf<T extends string>(allowed: readonly T[]) {
  return (text: string, previous?: T[]): T[] =>
    list(text).map((v) => {
      if (!(allowed as readonly string[]).includes(v)) throw new InvalidArgumentError(`"${v}" is not one of ${allowed.join(', ')}.`);
      return v as T;
    }).concat(previous ?? []);
}

function rating(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('A rating bound is a number from 0 to 1.');
  return n;
}

/** The bucket size: "none" (one row per group), "auto" (1 h up to two days, else 1 day), or a duration. */
function bucketSeconds(text: string, windowMs: number): number | null {
  if (text === 'none') return null;
  if (text === 'auto') return windowMs <= 2 * 86_400_000 ? 3600 : 86_400;
  const ms = durationMs(text);
  if (ms % 1000 !== 0) throw new InvalidArgumentError('A bucket size is a whole number of seconds.');
  return ms / 1000;
}

export function aggregateCommand(ctx: Context): Command {
  const cmd = new Command('aggregate').summary('scorer and monitor results by bucket and group (/feedback/aggregate)');
  withProject(cmd);
  withWindow(cmd, '24h');
  withZone(cmd, 'the bucket labels (buckets are UTC-aligned)');
  cmd
    .option('-b, --bucket <size>', 'bucket size: auto, none, 1h, 1d …', 'auto')
    .option('-G, --group-by <list>', `group by: ${GROUPS.join(', ')}`, oneOf(GROUPS))
    .option('--type <list>', 'feedback types by prefix (wandb.runnable.*)', list)
    .option('--tag <list>', 'rows with any of these scorer tags', list)
    .option('--scorer <list>', 'scorer ids (a trailing * matches a prefix)', list)
    .option('--monitor <list>', 'monitor ids (a trailing * matches a prefix)', list)
    .option('--agent <list>', 'span agent names', list)
    .option('--span-type <list>', `span types: ${SPAN_TYPES.join(', ')}`, oneOf(SPAN_TYPES))
    .option('--rating-min <x>', 'rows with a rating of at least x (0–1)', rating)
    .option('--rating-max <x>', 'rows with a rating of at most x (0–1)', rating);
  withJson(cmd);
  return cmd
    .description(
      'Counts of scorer feedback per time bucket (UTC-aligned, labelled in --tz) and group: rows, scored rows, ' +
        'tag counts and ratings. The average of a rating is its sum over its count.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ feedback aggregate -p acme/demo --since 24h -G scorer_id
  $ feedback aggregate -p acme/demo --since 7d -b 1d -G span_agent_version --type wandb.runnable.helpfulness
  $ feedback aggregate -p acme/demo --since 7d -b none -G scorer_id,span_status_code --json`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<AggregateOptions>();
      const zone = opts.tz ?? ctx.config.localZone;
      const window = resolveWindow(opts, zone, ctx.now(), 86_400_000);
      let bucket: number | null;
      try {
        bucket = bucketSeconds(opts.bucket, window.endMs - window.startMs);
      } catch (err) {
        throw new UsageError(`--bucket: ${err instanceof Error ? err.message : String(err)}`);
      }
      const body = {
        project_id: opts.project,
        after_ms: window.startMs,
        before_ms: window.endMs,
        time_bucket_seconds: bucket,
        ...(opts.groupBy === undefined ? {} : { group_by: opts.groupBy }),
        ...(opts.type === undefined ? {} : { feedback_types: opts.type }),
        ...(opts.tag === undefined ? {} : { tags: opts.tag }),
        ...(opts.scorer === undefined ? {} : { scorer_ids: opts.scorer }),
        ...(opts.monitor === undefined ? {} : { monitor_ids: opts.monitor }),
        ...(opts.agent === undefined ? {} : { span_agent_names: opts.agent }),
        ...(opts.spanType === undefined ? {} : { span_types: opts.spanType }),
        ...(opts.ratingMin === undefined ? {} : { rating_min: opts.ratingMin }),
        ...(opts.ratingMax === undefined ? {} : { rating_max: opts.ratingMax }),
      } satisfies FeedbackAggregateReq;
      const answer = await apiClient(ctx, opts).aggregate(body);
      if (opts.json) say(ctx, JSON.stringify(answer, null, 2));
      else say(ctx, renderAggregate(answer, opts.project, zone, ctx.out, ctx.config.columns));
    });
}
