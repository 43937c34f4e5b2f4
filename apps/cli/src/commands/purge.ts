// `feedback purge`: permanently deletes rows of a project, by filter or by id. On a terminal it
// asks first; elsewhere it refuses unless --yes says the script means it.
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import type { FeedbackPurgeReq, FeedbackPurgeWhere } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { note, say } from '../context.js';
import { ReportedFailure, UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { withProject, withZone } from '../options/common-options.js';
import { repeat } from '../options/parse-values.js';
import { parseInstant } from '../options/time-window.js';
import { formatCount } from '../render/format-values.js';

interface PurgeOptions {
  project: string;
  before?: string;
  after?: string;
  type?: string;
  user?: string;
  id?: string[];
  all?: boolean;
  yes?: boolean;
  tz?: string;
  json?: boolean;
  url?: string;
  key?: string;
}

export function purgeCommand(ctx: Context): Command {
  const cmd = new Command('purge').summary('permanently delete rows of a project');
  withProject(cmd);
  withZone(cmd, '--before/--after without an offset');
  return cmd
    .option('--before <time>', 'rows created before this time')
    .option('--after <time>', 'rows created at or after this time')
    .option('-t, --type <feedback_type>', 'rows of exactly this feedback type')
    .option('-u, --user <wb_user_id>', 'rows written by this user (a deletion request)')
    .option('--id <id>', 'this row (repeatable, up to 1,000 ids)', repeat)
    .option('--all', 'every row of the project')
    .option('-y, --yes', 'do not ask: needed when stdin is not a terminal')
    .option('--json', 'print {"num_deleted": n}')
    .description(
      'Deletes the rows of a project that match every filter given, or the rows named by --id. At least one filter, or --all, ' +
        'is required. Needs a key with both the ingest and read scopes. There is no undo: export first if in doubt.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ feedback purge -p acme/demo --before 2024-01-01 --yes
  $ feedback purge -p acme/demo --user alice
  $ feedback purge -p acme/demo --id 0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b
  $ feedback purge -p acme/demo --all --yes`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<PurgeOptions>();
      const body = purgeBody(opts, opts.tz ?? ctx.config.localZone, ctx.now());
      const what = describe(opts);
      if (!opts.yes) {
        if (!ctx.config.tty.stdin) throw new UsageError(`refusing to purge ${what} without --yes: stdin is not a terminal to ask on`);
        if (!(await confirm(ctx, `Permanently delete ${what}? This cannot be undone. Type "yes" to go on: `))) {
          note(ctx, 'nothing deleted');
          throw new ReportedFailure('declined', EXIT.failure);
        }
      }
      const { num_deleted: deleted = 0 } = await apiClient(ctx, opts).purge(body);
      if (opts.json) say(ctx, JSON.stringify({ num_deleted: deleted }));
      else say(ctx, `${ctx.out.green('deleted')} ${formatCount(deleted)} rows of ${opts.project}`);
    });
}

function purgeBody(opts: PurgeOptions, zone: string, nowMs: number): FeedbackPurgeReq {
  const filters = opts.before !== undefined || opts.after !== undefined || opts.type !== undefined || opts.user !== undefined;
  const ids = opts.id ?? [];
  if (ids.length > 0 && (filters || opts.all)) throw new UsageError('--id names rows by itself: drop the other filters');
  if (ids.length > 1000) throw new UsageError('at most 1,000 --id at once');
  if (opts.all && filters) throw new UsageError('--all deletes every row: drop the filters, or drop --all');
  if (ids.length > 0) {
    const eq = (id: string) => ({ $eq: [{ $getField: 'id' }, { $literal: id }] });
    return { project_id: opts.project, query: { $expr: ids.length === 1 ? eq(ids[0] ?? '') : { $or: ids.map(eq) } } } as FeedbackPurgeReq;
  }
  if (!filters && !opts.all) throw new UsageError('say which rows: --before, --after, --type, --user, --id, or --all');
  const at = (flag: string, text: string): string => {
    try {
      return new Date(parseInstant(text, zone, nowMs)).toISOString();
    } catch (err) {
      throw new UsageError(`${flag}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // "Every row" in the API's words: created before a moment safely after now.
  const where: FeedbackPurgeWhere = opts.all
    ? { created_before: new Date(nowMs + 60_000).toISOString() }
    : {
        ...(opts.before === undefined ? {} : { created_before: at('--before', opts.before) }),
        ...(opts.after === undefined ? {} : { created_after: at('--after', opts.after) }),
        ...(opts.type === undefined ? {} : { feedback_type: opts.type }),
        ...(opts.user === undefined ? {} : { wb_user_id: opts.user }),
      };
  return { project_id: opts.project, where };
}

function describe(opts: PurgeOptions): string {
  if (opts.id !== undefined) return `${formatCount(opts.id.length)} row(s) of ${opts.project} by id`;
  if (opts.all) return `EVERY row of ${opts.project}`;
  const parts = [
    opts.type === undefined ? undefined : `of type ${opts.type}`,
    opts.user === undefined ? undefined : `written by ${opts.user}`,
    opts.after === undefined ? undefined : `created at or after ${opts.after}`,
    opts.before === undefined ? undefined : `created before ${opts.before}`,
  ].filter((p): p is string => p !== undefined);
  return `the rows of ${opts.project} ${parts.join(', ')}`;
}

async function confirm(ctx: Context, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.streams.stdin, output: ctx.streams.stderr });
  // On a terminal readline takes Ctrl-C itself (the process gets no SIGINT): treat it as Ctrl-C.
  const interrupted = new Promise<never>((_resolve, reject) => {
    rl.once('SIGINT', () => reject(new ReportedFailure('interrupted', EXIT.interrupted)));
  });
  try {
    const answer = await Promise.race([rl.question(ctx.err.yellow(question)), interrupted]);
    return answer.trim().toLowerCase() === 'yes';
  } catch (err) {
    if (err instanceof ReportedFailure) note(ctx, '\nnothing deleted');
    throw err;
  } finally {
    rl.close();
  }
}
