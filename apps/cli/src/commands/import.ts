// `feedback import FILE`: JSON lines (what export writes) over HTTP through batch create, in
// batches of up to 1,000 rows; reports rows inserted, duplicates (the id was there with the same
// content) and rejected rows (with line numbers and the server's reason).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { FeedbackApiError, type FeedbackClient, type FeedbackCreateReq } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { note, say } from '../context.js';
import { ReportedFailure, UsageError } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { positiveInt, projectId } from '../options/parse-values.js';
import { startProgress } from '../progress.js';
import { formatCount } from '../render/format-values.js';
import { existingIds } from '../transfer/existing-ids.js';
import { rowToCreate } from '../transfer/row-to-create.js';

interface ImportOptions {
  project?: string;
  batch: number;
  json?: boolean;
  url?: string;
  key?: string;
}

interface Pending {
  line: number;
  body: FeedbackCreateReq;
}

interface Tally {
  inserted: number;
  duplicates: number;
  rejected: { line: number; reason: string }[];
}

// Under the 8 MiB batch body limit, with room for the envelope.
const MAX_BATCH_BYTES = 7 * 1024 * 1024;
const SHOWN_REJECTIONS = 20;

export function importCommand(ctx: Context): Command {
  return new Command('import')
    .summary('write rows from a JSON lines file through batch create')
    .description(
      'Reads JSON lines (one row per line, as export writes them; - reads stdin) and writes them through batch create, ' +
        'up to 1,000 rows per request (non-atomic: a bad row is rejected alone). Rows keep their ids, so importing a file ' +
        'twice writes nothing the second time: those rows count as duplicates. The server dates the rows and sets ' +
        'wb_user_id to the key’s user. Exits 1 when any line was rejected.',
    )
    .argument('<file>', 'JSON lines file, or - for stdin')
    .option('-p, --project <entity/project>', 'write into this project (default: each line’s project_id)', projectId)
    .option('--batch <n>', 'rows per request (at most 1000)', positiveInt, 1000)
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ feedback import demo.jsonl
  $ feedback export -p acme/demo | feedback import - --project acme/demo-copy
  $ feedback import rows.jsonl --project acme/staging --json`,
    )
    .action(async (file: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ImportOptions>();
      if (opts.batch > 1000) throw new UsageError('--batch is at most 1000 (the batch create limit)');
      const client = apiClient(ctx, opts);
      const input = file === '-' ? ctx.streams.stdin : await openFile(file);
      const tally: Tally = { inserted: 0, duplicates: 0, rejected: [] };
      const progress = startProgress(ctx, 'import', undefined);
      let lineNo = 0;
      try {
        await ctx.interrupt.graceful('Ctrl-C: stopping after the batch in flight (press it again to quit now)', async () => {
          let pending: Pending[] = [];
          let bytes = 0;
          for await (const text of createInterface({ input, crlfDelay: Infinity })) {
            lineNo++;
            if (text.trim() === '') continue;
            const body = parseLine(text, opts.project);
            if (typeof body === 'string') {
              tally.rejected.push({ line: lineNo, reason: body });
              continue;
            }
            const size = Buffer.byteLength(text);
            if (pending.length > 0 && (pending.length >= opts.batch || bytes + size > MAX_BATCH_BYTES)) {
              await sendBatch(client, pending, tally);
              progress.update(tally.inserted + tally.duplicates + tally.rejected.length);
              pending = [];
              bytes = 0;
              if (ctx.interrupt.requested) return;
            }
            pending.push({ line: lineNo, body });
            bytes += size;
          }
          if (pending.length > 0) await sendBatch(client, pending, tally);
        });
      } finally {
        progress.stop();
      }
      report(ctx, opts, tally);
      if (ctx.interrupt.requested) {
        note(ctx, `${ctx.err.yellow('interrupted')} after line ${lineNo}: run the same import again to finish (rows already written count as duplicates)`);
        throw new ReportedFailure('interrupted', EXIT.interrupted);
      }
      if (tally.rejected.length > 0) throw new ReportedFailure(`${formatCount(tally.rejected.length)} rows rejected`);
    });
}

/** The file as a stream, once it is open: a missing file is one clear error before anything is sent. */
async function openFile(file: string): Promise<NodeJS.ReadableStream> {
  const stream = createReadStream(file);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('ready', () => resolve());
      stream.once('error', reject);
    });
  } catch (err) {
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return stream;
}

function parseLine(text: string, project: string | undefined): FeedbackCreateReq | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  return rowToCreate(parsed, project);
}

async function sendBatch(client: FeedbackClient, pending: readonly Pending[], tally: Tally): Promise<void> {
  const byProject = new Map<string, string[]>();
  for (const { body } of pending) {
    if (typeof body.id !== 'string') continue;
    byProject.set(body.project_id, [...(byProject.get(body.project_id) ?? []), body.id]);
  }
  const there = new Set<string>();
  for (const [project, ids] of byProject) for (const id of await existingIds(client, project, ids)) there.add(`${project}\u0000${id}`);
  const { items, res } = await createLeavingOutSchemaFailures(client, pending, tally);
  res.forEach((slot, i) => {
    const item = items[i];
    if (item === undefined) return;
    if ('error' in slot) {
      tally.rejected.push({ line: item.line, reason: `${slot.error.status}: ${slot.error.reason.replace(/^batch\[\d+\]: /, '')}` });
    } else if (typeof item.body.id === 'string' && there.has(`${item.body.project_id}\u0000${item.body.id}`)) {
      tally.duplicates++;
    } else {
      tally.inserted++;
    }
  });
}

/**
 * A non-atomic batch still fails whole when an item breaks the schema (a 422 from the validator,
 * before any item rule): that item is rejected with the 422's reason and the rest sent again.
 */
async function createLeavingOutSchemaFailures(client: FeedbackClient, pending: readonly Pending[], tally: Tally) {
  let items = [...pending];
  for (;;) {
    if (items.length === 0) return { items, res: [] };
    try {
      const answer = await client.createBatch({ batch: items.map((p) => p.body), atomic: false });
      return { items, res: answer.res };
    } catch (err) {
      const bad = err instanceof FeedbackApiError && err.status === 422 ? err.detail?.[0] : undefined;
      const index = bad?.loc[0] === 'body' && bad.loc[1] === 'batch' ? bad.loc[2] : undefined;
      const item = typeof index === 'number' ? items[index] : undefined;
      if (bad === undefined || item === undefined) throw err;
      tally.rejected.push({ line: item.line, reason: `422: ${bad.loc.slice(3).join('.')}: ${bad.msg}` });
      items = items.filter((p) => p !== item);
    }
  }
}

function report(ctx: Context, opts: ImportOptions, tally: Tally): void {
  if (opts.json) {
    say(ctx, JSON.stringify({ inserted: tally.inserted, duplicates: tally.duplicates, rejected: tally.rejected.length, rejections: tally.rejected }));
  } else {
    const rejected = tally.rejected.length === 0 ? '0 rejected' : ctx.out.red(`${formatCount(tally.rejected.length)} rejected`);
    say(ctx, `${formatCount(tally.inserted)} inserted, ${formatCount(tally.duplicates)} duplicates, ${rejected}`);
  }
  for (const r of tally.rejected.slice(0, SHOWN_REJECTIONS)) note(ctx, `  line ${r.line}: ${r.reason}`);
  if (tally.rejected.length > SHOWN_REJECTIONS) note(ctx, `  … and ${formatCount(tally.rejected.length - SHOWN_REJECTIONS)} more (--json lists them all)`);
}
