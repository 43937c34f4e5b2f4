// Ctrl-C. A command that writes in batches (seed, import, export) asks for a graceful stop: the
// first Ctrl-C lets the batch in flight finish and the command then says how to resume; a second
// one quits at once. Every other command quits at the first, with exit code 130.
import { EXIT } from './exit-codes.js';

export interface Interrupt {
  /** True once Ctrl-C was pressed during a graceful section. */
  readonly requested: boolean;
  /** Runs `work` with Ctrl-C meaning "stop after the current batch". */
  graceful<T>(notice: string, work: () => Promise<T>): Promise<T>;
}

export interface InterruptHost {
  onSignal(handler: () => void): void;
  exit(code: number): never;
  warn(line: string): void;
}

export function createInterrupt(host: InterruptHost): Interrupt {
  let requested = false;
  let notice: string | undefined;
  host.onSignal(() => {
    if (notice === undefined || requested) host.exit(EXIT.interrupted);
    requested = true;
    host.warn(notice);
  });
  return {
    get requested() {
      return requested;
    },
    async graceful(text, work) {
      notice = text;
      try {
        return await work();
      } finally {
        notice = undefined;
      }
    },
  };
}
