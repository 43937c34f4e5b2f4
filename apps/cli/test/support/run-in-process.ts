// Runs a command line through the same `run` the process runs, in this process, with captured
// streams: for the many cases (help, usage errors) that need no server and whose process wiring a
// few child-process tests already cover.
import { PassThrough, Writable } from 'node:stream';
import { readConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { createInterrupt } from '../../src/interrupt.js';
import { run } from '../../src/main.js';
import type { CliResult } from './run-cli.js';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export async function runInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const stdin = new PassThrough();
  stdin.end();
  const config = readConfig({ env: { TZ: 'UTC', ...env }, stdin: {}, stdout: {}, stderr: {} });
  const interrupt = createInterrupt({
    onSignal: () => undefined,
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
    warn: () => undefined,
  });
  const ctx = createContext(config, { stdin, stdout: stdout.stream, stderr: stderr.stream }, interrupt);
  const code = await run(args, ctx);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
