// `feedback query`: rows through /feedback/query, following the cursor, as a table, JSON or JSON lines.
import { Command, Option } from 'commander';
import type { FeedbackQueryReq, FeedbackQueryRow } from '@feedback/sdk';
import { apiClient } from '../api-client.js';
import type { Context } from '../context.js';
import { note, say } from '../context.js';
import { withProject } from '../options/common-options.js';
import { withRowFilters } from '../options/filter-options.js';
import { list, nonNegativeInt } from '../options/parse-values.js';
import { parseSort, rowFilter, type RowFilterOptions } from '../options/row-filter.js';
import { formatCount, localLabel } from '../render/format-values.js';
import { renderTable } from '../render/table.js';
import { writeText } from '../transfer/write-out.js';

interface QueryOptions extends RowFilterOptions {
  project: string;
  tz?: string;
  fields?: string[];
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  limit: number;
  all?: boolean;
  json?: boolean;
  jsonl?: boolean;
  url?: string;
  key?: string;
}

const TABLE_FIELDS = ['created_at', 'feedback_type', 'wb_user_id', 'payload'];

export function queryCommand(ctx: Context): Command {
  const cmd = new Command('query').summary('list rows matching filters (/feedback/query)');
  withProject(cmd);
  withRowFilters(cmd);
  cmd
    .option('-f, --fields <list>', 'columns or payload paths to show: id,created_at,payload.output.score', list)
    .option('-s, --sort <field[:desc]>', 'sort key (repeatable; default created_at ascending)', parseSort)
    .option('-l, --limit <n>', 'rows to show', nonNegativeInt, 20)
    .option('--all', 'every matching row (follows the cursor page by page)')
    .addOption(new Option('--json', 'print the rows as one JSON array').conflicts('jsonl'))
    .option('--jsonl', 'print one JSON row per line (streams; for jq and files)');
  return cmd
    .description('Rows of a project, filtered by Weave query expressions built from the flags, oldest first unless --sort says otherwise.')
    .addHelpText(
      'after',
      `
Examples:
  $ feedback query -p acme/demo --since 1h
  $ feedback query -p acme/demo -t wandb.runnable.helpfulness -w 'payload.output.score<0.3' -f id,created_at,payload.output.score
  $ feedback query -p acme/demo -w 'payload.note~refund' --sort created_at:desc --limit 5
  $ feedback query -p acme/demo --all --jsonl | jq -r .feedback_type | sort | uniq -c`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<QueryOptions>();
      const zone = opts.tz ?? ctx.config.localZone;
      const query = rowFilter(opts, zone, ctx.now());
      const want = opts.all ? Number.POSITIVE_INFINITY : opts.limit;
      const body = {
        project_id: opts.project,
        ...(opts.fields === undefined ? {} : { fields: opts.fields }),
        ...(query === null ? {} : { query }),
        ...(opts.sort === undefined ? {} : { sort_by: opts.sort }),
        limit: Math.min(1000, Math.max(1, want)),
      } satisfies FeedbackQueryReq;
      const client = apiClient(ctx, opts);
      const rows: FeedbackQueryRow[] = [];
      let taken = 0;
      let more = false;
      // Page by page through the cursor, stopping at --limit; `more` says whether rows were left.
      let cursor: string | null = null;
      while (taken < want) {
        const page = await client.query(cursor === null ? body : { ...body, cursor });
        const wanted = page.result.slice(0, want - taken);
        if (opts.jsonl) {
          if (wanted.length > 0) await writeText(ctx.streams.stdout, wanted.map((row) => `${JSON.stringify(row)}\n`).join(''));
        } else {
          rows.push(...wanted);
        }
        taken += wanted.length;
        cursor = page.next_cursor;
        more = wanted.length < page.result.length || (taken >= want && cursor !== null);
        if (cursor === null) break;
      }
      if (more) note(ctx, ctx.err.dim(`first ${formatCount(taken)} rows; --limit N or --all for more`));
      if (opts.jsonl) return;
      if (opts.json) return say(ctx, JSON.stringify(rows, null, 2));
      const fields = opts.fields ?? TABLE_FIELDS;
      const cells = rows.map((row) => fields.map((f) => cell(row[f], f, zone, ctx.config.columns)));
      say(ctx, rows.length === 0 ? ctx.out.dim('no rows') : renderTable(fields.map((f) => ({ header: f })), cells, ctx.out));
    });
}

function cell(value: unknown, field: string, zone: string, columns: number): string {
  if (value === null || value === undefined) return '–';
  if (field === 'created_at' && typeof value === 'string') return localLabel(Date.parse(value), zone, null);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const max = Math.max(24, columns - 60);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
