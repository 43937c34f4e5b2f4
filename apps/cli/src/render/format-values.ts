// Numbers and times as a person reads them in a table.
import type { StatsValue } from '@feedback/sdk';

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return INTEGER.format(n);
}

/** Up to 4 significant decimals for fractions, thousands separators for large numbers. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return INTEGER.format(n);
  const abs = Math.abs(n);
  if (abs >= 1000) return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
  if (abs >= 1) return n.toFixed(2);
  return n.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export function formatValue(v: StatsValue | undefined): string {
  if (v === undefined || v === null) return '–';
  if (typeof v === 'number') return formatNumber(v);
  return String(v);
}

export function asNumber(v: StatsValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * A bucket's label in `zone`: the date alone for buckets of a day or more, else date and time
 * with the zone's abbreviation (so the hour a DST change repeats or skips is visible).
 */
export function localLabel(ms: number, zone: string, bucketSeconds: number | null): string {
  const dayOrMore = bucketSeconds !== null && bucketSeconds >= 86_400 && bucketSeconds % 86_400 === 0;
  const fmt = new Intl.DateTimeFormat('en-US', dayOrMore
    ? { timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: '2-digit' }
    : { timeZone: zone, month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  return fmt.format(new Date(ms)).replace(/,/g, '');
}

/** "1 h", "15 min", "1 day" for a bucket size in seconds. */
export function formatBucket(seconds: number): string {
  if (seconds % 86_400 === 0) return seconds === 86_400 ? '1 day' : `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
