// Repeated timing of one async operation: warm-up runs first (not recorded), then N timed runs
// summarised as p50/p95/max in milliseconds.
export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  min: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
  };
}

export async function timeRuns(runs: number, warmup: number, op: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await op();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await op();
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/**
 * Two operations timed in alternation (a, b, a, b, …), so a machine whose load changes during the
 * run weighs on both alike: the way to compare two paths to the same result. The third timing is
 * of the pairwise differences a − b: its median is a steadier estimate of what a adds over b than
 * the difference of the two medians when each run varies by more than the gap.
 */
export async function timeRunsPaired(runs: number, warmup: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Timing, Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    await a();
    sa.push(performance.now() - started);
    started = performance.now();
    await b();
    sb.push(performance.now() - started);
  }
  return [summarise(sa), summarise(sb), summarise(sa.map((x, i) => x - (sb[i] as number)))];
}

/**
 * Several operations timed in turn (a, b, c, a, b, c, …) after `warmup` rounds: every operation
 * sees the same machine load. Returns each operation's samples in round order, so callers can
 * also summarise pairwise differences (`summarise(a.map((x, i) => x - b[i]))`).
 */
export async function sampleInTurn(runs: number, warmup: number, ops: readonly (() => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const op of ops) await op();
  const samples: number[][] = ops.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, op] of ops.entries()) {
      const started = performance.now();
      await op();
      samples[k]?.push(performance.now() - started);
    }
  }
  return samples;
}

/** The median (and spread) of a − b, sample by sample: what a adds over b in the same rounds. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Timing {
  return summarise(a.map((x, i) => x - (b[i] ?? Number.NaN)));
}
