// The `feedback` process: reads the configuration, wires Ctrl-C, runs the command line, exits
// with its code.
import { readConfig } from './config.js';
import { createContext } from './context.js';
import { createInterrupt } from './interrupt.js';
import { run } from './main.js';

// A reader that goes away (`feedback export | head`) is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const config = readConfig({ env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
const interrupt = createInterrupt({
  onSignal: (handler) => process.on('SIGINT', handler),
  exit: (code) => process.exit(code),
  warn: (line) => process.stderr.write(`\n${line}\n`),
});
const ctx = createContext(config, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, interrupt);
process.exitCode = await run(process.argv.slice(2), ctx);
