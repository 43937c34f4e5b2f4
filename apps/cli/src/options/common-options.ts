// Options several commands share, declared once so their flags and help read the same everywhere.
import { Option, type Command } from 'commander';
import { projectId, timeZone } from './parse-values.js';

export function withProject(cmd: Command): Command {
  return cmd.requiredOption('-p, --project <entity/project>', 'the project', projectId);
}

export function withWindow(cmd: Command, defaultSince: string): Command {
  return cmd
    .option('--since <duration>', `window ending now (or at --to): 90m, 24h, 7d … (default: ${defaultSince})`)
    .option('--from <time>', 'window start: 2024-03-10T14:00:00Z, or a date / time read in --tz')
    .option('--to <time>', 'window end (default: now)');
}

export function withZone(cmd: Command, what: string): Command {
  return cmd.option('--tz <zone>', `IANA time zone of ${what} (default: this machine’s)`, timeZone);
}

export function withJson(cmd: Command): Command {
  return cmd.addOption(new Option('--json', 'print the API’s answer as JSON (for scripts)'));
}
