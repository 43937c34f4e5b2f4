// The filter flags of query and export, declared once.
import type { Command } from 'commander';
import { list, repeat } from './parse-values.js';
import { withWindow, withZone } from './common-options.js';

export function withRowFilters(cmd: Command): Command {
  withWindow(cmd, 'every row');
  withZone(cmd, '--from/--to without an offset, and of times in tables');
  return cmd
    .option('-t, --type <list>', 'only these feedback types (exact)', list)
    .option('-u, --user <wb_user_id>', 'only rows written by this user')
    .option('-w, --where <condition>', "a condition on a column or payload path (repeatable, all must hold): 'payload.output.score>=0.8', 'payload.note~refund', 'span_status_code!=OK'", repeat);
}
