// When each demo row "happened", for the import file `seed --jsonl` writes: a daily rhythm in the
// project's zone (busy afternoons, quiet nights, calmer weekends), in index order, so row i is
// never later than row i + 1. Deterministic for a given (rows, window, zone).
import { offsetMinutes } from '../options/zoned-time.js';
import { randomFor } from './seeded-random.js';

const HOUR = 3_600_000;

/** Relative traffic in the local hour `hour` (0–23) of a weekday or weekend day. */
function hourWeight(hour: number, weekend: boolean): number {
  const day = 0.15 + Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI)) * (hour >= 6 ? 1 : 0);
  return weekend ? day * 0.55 : day;
}

export function demoTimes(rows: number, startMs: number, endMs: number, zone: string, seed: number): number[] {
  const hours = Math.max(1, Math.ceil((endMs - startMs) / HOUR));
  const cumulative: number[] = [];
  let total = 0;
  for (let h = 0; h < hours; h++) {
    const at = startMs + h * HOUR;
    const local = new Date(at + offsetMinutes(zone, at) * 60_000);
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    total += hourWeight(local.getUTCHours(), weekend);
    cumulative.push(total);
  }
  const times: number[] = [];
  let h = 0;
  for (let i = 0; i < rows; i++) {
    const q = ((i + randomFor(['time', seed, i]).next()) / rows) * total;
    while (h < hours - 1 && (cumulative[h] ?? total) < q) h++;
    const before = h === 0 ? 0 : (cumulative[h - 1] ?? 0);
    const within = ((q - before) / ((cumulative[h] ?? total) - before || 1)) * HOUR;
    times.push(Math.min(endMs - 1, Math.floor(startMs + h * HOUR + within)));
  }
  return times;
}
