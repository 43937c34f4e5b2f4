// The time window of stats, aggregate, query and purge: --since DURATION, or --from/--to. An
// instant is RFC 3339 with an offset, or a date / date-time without one, read in --tz.
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../cli-errors.js';
import { durationMs } from './parse-values.js';
import { zonedToInstant } from './zoned-time.js';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses an instant; `zone` reads one without an offset. "now" is accepted too. */
export function parseInstant(text: string, zone: string, nowMs: number): number {
  const value = text.trim();
  if (value === 'now') return nowMs;
  if (WITH_OFFSET.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  const m = LOCAL.exec(value);
  if (m !== null) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const check = new Date(wall);
    if (check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60 && s < 60) return zonedToInstant(zone, wall);
  }
  throw new InvalidArgumentError(`"${text}" is not a time: use 2024-03-10T14:00:00Z, 2024-03-10T09:00 (in --tz), 2024-03-10 or now.`);
}

export interface WindowOptions {
  since?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** The window the options name; `defaultSinceMs` when they name none. */
export function resolveWindow(opts: WindowOptions, zone: string, nowMs: number, defaultSinceMs: number): TimeWindow {
  if (opts.since !== undefined && opts.from !== undefined) throw new UsageError('give either --since or --from, not both');
  const endMs = opts.to === undefined ? nowMs : parseArg('--to', opts.to, zone, nowMs);
  const startMs =
    opts.from !== undefined
      ? parseArg('--from', opts.from, zone, nowMs)
      : endMs - (opts.since === undefined ? defaultSinceMs : durationArg(opts.since));
  if (startMs >= endMs) throw new UsageError('the window is empty: --from must be before --to');
  return { startMs, endMs };
}

function parseArg(flag: string, text: string, zone: string, nowMs: number): number {
  try {
    return parseInstant(text, zone, nowMs);
  } catch (err) {
    throw new UsageError(`${flag}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function durationArg(text: string): number {
  try {
    return durationMs(text);
  } catch (err) {
    throw new UsageError(`--since: ${err instanceof Error ? err.message : String(err)}`);
  }
}
