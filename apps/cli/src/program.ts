// The command tree: global options, one subcommand per module, and the help and error settings
// every command shares (output to our streams, errors as usage errors, examples in --help).
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Context } from './context.js';
import { aggregateCommand } from './commands/aggregate.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { purgeCommand } from './commands/purge.js';
import { queryCommand } from './commands/query.js';
import { seedCommand } from './commands/seed.js';
import { statsCommand } from './commands/stats.js';

// package.json sits one level above both src/ and dist/.
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const ROOT_HELP = `
Configuration:
  FEEDBACK_URL   root URL of the API, e.g. http://localhost:8080 (or --url)
  FEEDBACK_KEY   API key (or --key); \`feedback-server serve\` prints a development key
  NO_COLOR       set to turn colour off (it is off anyway when output is not a terminal)

Exit codes:
  0    done
  1    the API answered an error or did not answer, a file could not be read, rows were rejected,
       or a purge was declined
  2    usage error: unknown command or option, bad value, missing configuration (nothing was sent)
  130  interrupted by Ctrl-C (seed, import and export stop after the batch in flight)

Examples:
  $ export FEEDBACK_URL=http://localhost:8080 FEEDBACK_KEY=fk_…
  $ feedback seed -p acme/demo --rows 20000
  $ feedback stats -p acme/demo --since 24h -g 1h -m output.score --percentiles 50,95
  $ feedback aggregate -p acme/demo --since 24h -G scorer_id
  $ feedback query -p acme/demo -w 'payload.output.score<0.3' --limit 5
  $ feedback export -p acme/demo > demo.jsonl && feedback import demo.jsonl -p acme/copy
  $ feedback purge -p acme/demo --before 2024-01-01 --yes

Run \`feedback <command> --help\` for a command's options and examples.`;

export function buildProgram(ctx: Context): Command {
  const program = new Command('feedback')
    .description('Seed, inspect, query, export, import and purge feedback through the feedback API.')
    .version(VERSION, '-V, --version')
    .option('--url <url>', 'root URL of the API (default: $FEEDBACK_URL)')
    .option('--key <key>', 'API key (default: $FEEDBACK_KEY)')
    .addHelpText('after', ROOT_HELP);
  shareSettings(program, ctx);
  for (const make of [seedCommand, statsCommand, aggregateCommand, queryCommand, exportCommand, importCommand, purgeCommand]) {
    const cmd = make(ctx);
    shareSettings(cmd, ctx);
    program.addCommand(cmd);
  }
  return program;
}

function shareSettings(cmd: Command, ctx: Context): void {
  cmd
    .exitOverride()
    .showHelpAfterError(`(run \`feedback${cmd.name() === 'feedback' ? '' : ` ${cmd.name()}`} --help\` for usage)`)
    .configureOutput({
      writeOut: (text) => ctx.streams.stdout.write(text),
      writeErr: (text) => ctx.streams.stderr.write(text),
      outputError: (text, write) => write(ctx.err.red(text)),
      getOutHelpWidth: () => ctx.config.columns,
      getErrHelpWidth: () => ctx.config.columns,
    })
    .configureHelp({ showGlobalOptions: true });
}
