// Runs one command line and answers its exit code: commander parses (and reports its own usage
// errors), the command runs, and any error becomes one line on stderr and a documented code.
import { CommanderError } from 'commander';
import { errorLine, exitCodeOf, ReportedFailure, UsageError } from './cli-errors.js';
import type { Context } from './context.js';
import { note } from './context.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

export async function run(argv: readonly string[], ctx: Context): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has printed the message (or the help) already.
      return HELP_CODES.has(err.code) ? EXIT.ok : EXIT.usage;
    }
    if (!(err instanceof ReportedFailure)) {
      const hint = err instanceof UsageError ? ctx.err.dim(' (see --help)') : '';
      note(ctx, `${ctx.err.red('error:')} ${errorLine(err)}${hint}`);
    }
    return exitCodeOf(err);
  }
}
