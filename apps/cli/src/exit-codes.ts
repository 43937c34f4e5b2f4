// The exit codes scripts can rely on; the README's table lists the same ones.
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The API answered an error, no answer came, a file could not be read, or rows were rejected. */
  failure: 1,
  /** The command line was wrong (unknown option, bad value, missing configuration): nothing was sent. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
