// `feedback seed`: demo rows through batch create, resumable and Ctrl-C safe, dated now or, with
// --days, spread over past days (batch items with created_at: the key needs the `backfill` scope);
// or, with --jsonl, the same dated rows as an import file for `feedback-server import`.
import { Command } from 'commander';
import { FeedbackApiError, type FeedbackCreateBatchItem, type FeedbackCreateReq } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { note, say } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { ReportedFailure, UsageError } from '../cli-errors.js';
import { nonNegativeInt, positiveInt, projectId, timeZone } from '../options/parse-values.js';
import { parseInstant } from '../options/time-window.js';
import { formatOffset, offsetChanges, offsetMinutes, zonedToInstant } from '../options/zoned-time.js';
import { startProgress } from '../progress.js';
import { formatCount } from '../render/format-values.js';
import { demoRow } from '../seed/demo-rows.js';
import { demoTimes } from '../seed/timeline.js';
import { existingIds } from '../transfer/existing-ids.js';

interface SeedOptions {
  project: string;
  rows: number;
  days: number | undefined;
  seed: number;
  batch: number;
  tz: string | undefined;
  end: string | undefined;
  jsonl?: boolean;
  user: string;
  url?: string;
  key?: string;
}

const DAY = 86_400_000;
/** --days when not given: through the API rows are dated now (any ingest key works); --jsonl spans two weeks. */
const JSONL_DAYS = 14;

export function seedCommand(ctx: Context): Command {
  return new Command('seed')
    .summary('write realistic demo feedback into a project')
    .description(
      'Writes demo rows through batch create: two LLM-judge scorers (some run by monitors), a latency monitor, ' +
        "users' thumbs with tags, reactions, notes and a custom eval type with nested payloads.\n\n" +
        'Every row has a client id made from (project, --seed, row number), so running the same command again ' +
        'skips the rows already written: an interrupted seed resumes where it stopped. Ctrl-C stops after the ' +
        'batch in flight.\n\n' +
        'Without --days the server dates the rows now. With --days D the rows are dated over the last D days ' +
        'before --end, in a daily rhythm of --tz (crossing a DST change when the window holds one), and sent with ' +
        'their created_at: the key needs the "backfill" scope (the development key of `npm start` has it; ' +
        '`feedback-server keys create --scopes ingest,read,backfill` makes one). With --jsonl the same dated rows ' +
        'are written to stdout as an import file for `feedback-server import -`, which keeps created_at.',
    )
    .requiredOption('-p, --project <entity/project>', 'project to write into', projectId)
    .option('-n, --rows <n>', 'number of rows', positiveInt, 1000)
    .option('-d, --days <n>', `days the rows span, ending at --end (default: 0, dated now; ${JSONL_DAYS} with --jsonl)`, nonNegativeInt)
    .option('--seed <n>', 'which demo dataset: another seed gives other rows and other ids', nonNegativeInt, 1)
    .option('--batch <n>', 'rows per batch create request (at most 1000)', positiveInt, 1000)
    .option('--tz <zone>', 'zone of the daily rhythm of dated rows (default: this machine’s)', timeZone)
    .option('--end <time>', 'end of the --days window (default: now)')
    .option('--jsonl', 'write an import file with created_at to stdout instead of calling the API')
    .option('--user <name>', 'wb_user_id of the --jsonl rows', 'demo')
    .addHelpText(
      'after',
      `
Examples:
  $ feedback seed --project acme/demo --rows 20000
  $ feedback seed --project acme/demo --rows 20000          # again: skips the 20,000 rows, writes none
  $ feedback seed --project acme/demo --rows 5000 --seed 2  # 5,000 other rows
  $ feedback seed --project acme/demo --rows 20000 --days 14 --tz America/New_York --end 2024-03-17
                                                            # two weeks of history, across the March DST change
  $ feedback seed --project acme/demo --rows 50000 --days 14 --tz America/New_York --end 2024-03-17 --jsonl \\
      | feedback-server import -                            # dated rows, across the March DST change`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<SeedOptions>();
      if (opts.batch > 1000) throw new UsageError('--batch is at most 1000 (the batch create limit)');
      if (opts.jsonl) return writeImportFile(ctx, opts);
      const dated = (opts.days ?? 0) > 0;
      const ignored = (dated ? ['user'] : ['end', 'tz', 'user']).filter((name) => command.getOptionValueSource(name) === 'cli');
      if (ignored.length > 0) {
        const why = dated ? 'apply to --jsonl only' : 'apply to dated rows only (--days or --jsonl): without --days the server dates the rows now';
        note(ctx, ctx.err.yellow(`note: ${ignored.map((n) => `--${n}`).join(', ')} ${why}`));
      }
      await seedThroughApi(ctx, opts);
    });
}

function rowsFrom(opts: SeedOptions, from: number, to: number): FeedbackCreateReq[] {
  const rows: FeedbackCreateReq[] = [];
  for (let index = from; index < to; index++) rows.push(demoRow({ project: opts.project, seed: opts.seed, index }));
  return rows;
}

/** The window --days ends at --end, in --tz: --days local days, so a DST change makes it an hour shorter or longer. */
function seedWindow(ctx: Context, opts: SeedOptions, days: number): { zone: string; startMs: number; endMs: number } {
  const zone = opts.tz ?? ctx.config.localZone;
  const endMs = opts.end === undefined ? Math.floor(ctx.now() / 60_000) * 60_000 : parseInstant(opts.end, zone, ctx.now());
  return { zone, endMs, startMs: zonedToInstant(zone, endMs + offsetMinutes(zone, endMs) * 60_000 - days * DAY) };
}

/** What the stderr note says about a window: its bounds and the DST changes inside it. */
function windowText(opts: SeedOptions, w: { zone: string; startMs: number; endMs: number }): string {
  const changes = offsetChanges(w.zone, w.startMs, w.endMs);
  const dst = changes.map((c) => `${new Date(c.atMs).toISOString()} (${formatOffset(c.fromMinutes)} → ${formatOffset(c.toMinutes)})`);
  return (
    `${formatCount(opts.rows)} rows of ${opts.project} dated ${new Date(w.startMs).toISOString()} – ${new Date(w.endMs).toISOString()}; ` +
    (dst.length === 0 ? `no DST change in ${w.zone} in this window` : `DST change in ${w.zone}: ${dst.join(', ')}`)
  );
}

/** A batch create refused for the missing `backfill` scope, said as what to do about it. */
function backfillRefusal(err: unknown): Error | undefined {
  if (!(err instanceof FeedbackApiError) || err.status !== 403 || !(err.reason ?? '').includes('"backfill" scope')) return undefined;
  const where = err.requestId === undefined ? '' : ` (request id ${err.requestId})`;
  return new Error(
    `403 Forbidden: this key lacks the "backfill" scope that --days needs to date rows in the past${where}; ` +
      'use a key with it (feedback-server keys create --scopes ingest,read,backfill), or seed now-dated rows with --days 0 and an ingest key',
  );
}

async function seedThroughApi(ctx: Context, opts: SeedOptions): Promise<void> {
  const client = apiClient(ctx, opts);
  const days = opts.days ?? 0;
  const window = days > 0 ? seedWindow(ctx, opts, days) : undefined;
  // Deterministic for (rows, window, zone, seed); a resumed run skips the rows already written, so
  // their instants stay as first sent even when a later --end moves the window.
  const times = window === undefined ? undefined : demoTimes(opts.rows, window.startMs, window.endMs, window.zone, opts.seed);
  const dated = (rows: FeedbackCreateReq[], from: number): FeedbackCreateBatchItem[] =>
    times === undefined ? rows : rows.map((row, i) => ({ ...row, created_at: new Date(times[from + i] ?? window?.startMs ?? 0).toISOString() }));
  const started = ctx.now();
  let created = 0;
  let present = 0;
  let done = 0;
  const progress = startProgress(ctx, 'seed', opts.rows);
  try {
    await ctx.interrupt.graceful('Ctrl-C: stopping after the batch in flight (press it again to quit now)', async () => {
      while (done < opts.rows && !ctx.interrupt.requested) {
        const batch = rowsFrom(opts, done, Math.min(opts.rows, done + opts.batch));
        const there = await existingIds(client, opts.project, batch.map((row) => row.id ?? ''));
        const fresh = dated(batch, done).filter((row) => !there.has(row.id ?? ''));
        // Atomic: the batch is written whole or not at all, so "done" never counts half a batch.
        if (fresh.length > 0) {
          await client.createBatch({ batch: fresh }).catch((err: unknown) => {
            throw backfillRefusal(err) ?? err;
          });
        }
        created += fresh.length;
        present += batch.length - fresh.length;
        done += batch.length;
        progress.update(done);
      }
    });
  } finally {
    progress.stop();
  }
  const seconds = (ctx.now() - started) / 1000;
  const summary = `${formatCount(created)} rows created, ${formatCount(present)} already present, in ${seconds.toFixed(1)} s (${formatCount(done / Math.max(seconds, 0.001))} rows/s)`;
  if (done < opts.rows) {
    note(ctx, `${ctx.err.yellow('interrupted')}: ${formatCount(done)} of ${formatCount(opts.rows)} rows in ${opts.project}; ${summary}`);
    const dating = days > 0 ? ` --days ${days}${opts.tz === undefined ? '' : ` --tz ${opts.tz}`}${opts.end === undefined ? '' : ` --end ${opts.end}`}` : '';
    note(ctx, `resume with the same command: feedback seed --project ${opts.project} --rows ${opts.rows} --seed ${opts.seed}${dating}`);
    throw new ReportedFailure('interrupted', EXIT.interrupted);
  }
  say(ctx, `${ctx.out.green('seeded')} ${opts.project}: ${summary}`);
  if (window !== undefined) note(ctx, `wrote ${windowText(opts, window)}`);
}

function writeImportFile(ctx: Context, opts: SeedOptions): void {
  const window = seedWindow(ctx, opts, opts.days ?? JSONL_DAYS);
  const { zone, startMs, endMs } = window;
  const times = demoTimes(opts.rows, startMs, endMs, zone, opts.seed);
  for (let from = 0; from < opts.rows; from += opts.batch) {
    const to = Math.min(opts.rows, from + opts.batch);
    const lines = rowsFrom(opts, from, to).map((row, i) =>
      JSON.stringify({ ...row, created_at: new Date(times[from + i] ?? startMs).toISOString(), wb_user_id: opts.user }),
    );
    ctx.streams.stdout.write(`${lines.join('\n')}\n`);
  }
  note(ctx, `wrote ${windowText(opts, window)}`);
}
