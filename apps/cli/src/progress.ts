// The progress line of long commands, on stderr and only on a terminal: rows done, rows/s and
// the time left. Elsewhere (a pipe, CI logs) it stays silent and the command prints a summary.
import cliProgress from 'cli-progress';
import type { Context } from './context.js';
import { formatCount } from './render/format-values.js';

export interface Progress {
  /** Sets the rows done so far. */
  update(done: number): void;
  /** Grows the total (a stream whose length is not known in advance). */
  setTotal(total: number): void;
  stop(): void;
}

export function startProgress(ctx: Context, label: string, total: number | undefined): Progress {
  if (!ctx.config.tty.stderr) return { update() {}, setTotal() {}, stop() {} };
  const started = ctx.now();
  const c = ctx.err;
  const known = total !== undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.streams.stderr,
      format: known
        ? `${label} ${c.cyan('{bar}')} {percentage}% | {done}/{all} rows | {speed} rows/s | ETA {eta_formatted}`
        : `${label} {done} rows | {speed} rows/s`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (done: number, all: number) => {
    const seconds = Math.max(0.001, (ctx.now() - started) / 1000);
    return { done: formatCount(done), all: formatCount(all), speed: formatCount(done / seconds) };
  };
  let all = total ?? 0;
  bar.start(all, 0, payload(0, all));
  return {
    update(done) {
      bar.update(done, payload(done, all));
    },
    setTotal(t) {
      all = t;
      bar.setTotal(t);
    },
    stop() {
      bar.stop();
    },
  };
}
