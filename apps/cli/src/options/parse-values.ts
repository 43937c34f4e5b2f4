// Parsers for option values, for commander: each throws InvalidArgumentError, which commander
// prints as "error: option '--rows <n>' argument '…' is invalid. …" and we turn into exit code 2.
import { InvalidArgumentError } from 'commander';

const PROJECT = /^[A-Za-z0-9_.-]{1,128}\/[A-Za-z0-9_.-]{1,128}$/;

export function projectId(value: string): string {
  if (!PROJECT.test(value)) throw new InvalidArgumentError('A project is entity/project: letters, digits, _ . - on both sides of one /.');
  return value;
}

export function positiveInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a whole number.');
  return n;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90s", "15m", "24h", "7d", "2w" → milliseconds. */
export function durationMs(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(value.trim());
  const unit = m?.[2] === undefined ? undefined : UNIT_MS[m[2]];
  if (m?.[1] === undefined || unit === undefined || Number(m[1]) <= 0) {
    throw new InvalidArgumentError('Expected a duration such as 90s, 15m, 24h, 7d or 2w.');
  }
  return Math.round(Number(m[1]) * unit);
}

/** A bucket size: "auto" (the server picks) or a duration, in whole seconds. */
export function granularitySeconds(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const ms = durationMs(value);
  if (ms % 1000 !== 0) throw new InvalidArgumentError('A bucket size is a whole number of seconds.');
  return ms / 1000;
}

export function timeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new InvalidArgumentError('Expected an IANA time zone such as UTC, Europe/Berlin or America/New_York.');
  }
  return value;
}

/** A comma-separated list, each item trimmed, empty items dropped. */
export function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

/** A repeatable option: every use adds one item. */
export function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function percentileList(value: string): number[] {
  return value.split(',').map((s) => {
    const n = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('Percentiles are numbers from 0 to 100, e.g. 50,95,99.');
    return n;
  });
}
