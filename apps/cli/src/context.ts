// What every command receives: configuration, the three streams, colours that are on only where
// they may be, and the Ctrl-C state. Tests build one around a child process; cli.ts around `process`.
import { createColors } from 'picocolors';
import type { Config } from './config.js';
import type { Interrupt } from './interrupt.js';

export type Colors = ReturnType<typeof createColors>;

export interface Streams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Context {
  config: Config;
  streams: Streams;
  /** Colours for text written to stdout / stderr. */
  out: Colors;
  err: Colors;
  interrupt: Interrupt;
  /** The current time; a parameter so that windows are computed once per command. */
  now: () => number;
}

export function createContext(config: Config, streams: Streams, interrupt: Interrupt): Context {
  return {
    config,
    streams,
    out: createColors(config.color.stdout),
    err: createColors(config.color.stderr),
    interrupt,
    now: () => Date.now(),
  };
}

/** Writes a line to stdout. */
export function say(ctx: Context, line = ''): void {
  ctx.streams.stdout.write(`${line}\n`);
}

/** Writes a line to stderr: progress, notices, summaries that must not mix with data on stdout. */
export function note(ctx: Context, line: string): void {
  ctx.streams.stderr.write(`${line}\n`);
}
