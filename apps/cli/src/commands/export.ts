// `feedback export`: every matching row, page by page through the query cursor, as JSON lines (the
// format `feedback import` reads) or CSV, to stdout or a file; progress on stderr.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import type { FeedbackQueryReq } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { note } from '../context.js';
import { ReportedFailure } from '../cli-errors.js';
import { EXIT } from '../exit-codes.js';
import { withProject } from '../options/common-options.js';
import { withRowFilters } from '../options/filter-options.js';
import { rowFilter, type RowFilterOptions } from '../options/row-filter.js';
import { startProgress } from '../progress.js';
import { formatCount } from '../render/format-values.js';
import { ALL_COLUMNS, csvLine, csvRow } from '../transfer/csv.js';
import { writeText } from '../transfer/write-out.js';

interface ExportOptions extends RowFilterOptions {
  project: string;
  tz?: string;
  format: 'jsonl' | 'csv';
  output?: string;
  url?: string;
  key?: string;
}

export function exportCommand(ctx: Context): Command {
  const cmd = new Command('export').summary('write every matching row as JSON lines or CSV');
  withProject(cmd);
  withRowFilters(cmd);
  cmd
    .addOption(new Option('--format <format>', 'jsonl (every column, what import reads) or csv').choices(['jsonl', 'csv']).default('jsonl'))
    .option('-o, --output <file>', 'write to this file instead of stdout');
  return cmd
    .description(
      'Streams every row that matches the filters, oldest first, following the query cursor 1,000 rows at a time, so rows ' +
        'written meanwhile neither repeat nor shift the pages. JSON lines hold every column; CSV has one column per field, ' +
        'with payload and the scorer maps as JSON text.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ feedback export -p acme/demo > demo.jsonl
  $ feedback export -p acme/demo --format csv -o demo.csv --since 7d
  $ feedback export -p acme/demo -t wandb.note.1 | gzip > notes.jsonl.gz`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ExportOptions>();
      const zone = opts.tz ?? ctx.config.localZone;
      const query = rowFilter(opts, zone, ctx.now());
      const body = { project_id: opts.project, ...(query === null ? {} : { query }), limit: 1000 } satisfies FeedbackQueryReq;
      const client = apiClient(ctx, opts);
      const file = opts.output === undefined ? undefined : createWriteStream(opts.output);
      const out = file ?? ctx.streams.stdout;
      const progress = startProgress(ctx, 'export', undefined);
      let rows = 0;
      const started = ctx.now();
      try {
        if (opts.format === 'csv') await writeText(out, csvLine(ALL_COLUMNS));
        await ctx.interrupt.graceful('Ctrl-C: stopping after the page in flight (press it again to quit now)', async () => {
          for await (const page of client.queryPages(body)) {
            const text = page.map((row) => (opts.format === 'csv' ? csvRow(row, ALL_COLUMNS) : `${JSON.stringify(row)}\n`)).join('');
            if (text !== '') await writeText(out, text);
            rows += page.length;
            progress.update(rows);
            if (ctx.interrupt.requested) break;
          }
        });
      } finally {
        progress.stop();
        if (file !== undefined) {
          file.end();
          await finished(file);
        }
      }
      const seconds = (ctx.now() - started) / 1000;
      const where = opts.output === undefined ? '' : ` to ${opts.output}`;
      if (ctx.interrupt.requested) {
        note(ctx, `${ctx.err.yellow('interrupted')}: exported ${formatCount(rows)} rows${where} before stopping; the file is incomplete`);
        throw new ReportedFailure('interrupted', EXIT.interrupted);
      }
      note(ctx, `exported ${formatCount(rows)} rows of ${opts.project}${where} in ${seconds.toFixed(1)} s`);
    });
}
