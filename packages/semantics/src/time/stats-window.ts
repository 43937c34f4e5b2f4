// The time window of a /feedback/stats request: start/end resolved to instants, the granularity
// chosen, the zone checked. Schema-like problems (422) are reported before the zone (400).
import { validationError } from '../errors.js';
import { MS_PER_DAY } from './civil-date.js';
import { resolveGranularity } from './granularity.js';
import { parseDateTime } from './parse-date-time.js';
import { canonicalTimeZone } from './time-zone.js';

/** 31 days: the longest window a stats request may cover (exactly 31 days is allowed). */
export const MAX_STATS_RANGE_MS = 31 * MS_PER_DAY;

/** The fields of FeedbackStatsReq that shape the window. */
export interface StatsWindowRequest {
  start: string;
  end?: string | null;
  granularity?: number | null;
  timezone?: string;
}

export interface StatsWindow {
  /** Inclusive, epoch ms. */
  startMs: number;
  /** Exclusive, epoch ms. */
  endMs: number;
  /** Seconds, after auto-selection and the bucket cap. */
  granularity: number;
  /** The zone as requested (default `UTC`): echo this one. */
  timeZone: string;
  /**
   * The same zone under this runtime's canonical ID: give this one to PostgreSQL (see
   * canonicalTimeZone). Intl-based code may use either: they behave the same.
   */
  sqlTimeZone: string;
}

const DATE_TIME_MESSAGE = 'Input should be a valid RFC 3339 date-time with a time zone offset, in years 0000–9999';

function parseField(field: 'start' | 'end', value: unknown): number {
  const epochMs = typeof value === 'string' ? parseDateTime(value) : null;
  if (epochMs === null) throw validationError([field], DATE_TIME_MESSAGE, 'datetime_parsing');
  return epochMs;
}

/** Resolves the window of a stats request; `nowMs` stands in for a missing `end`. */
export function resolveStatsWindow(req: StatsWindowRequest, nowMs: number): StatsWindow {
  const startMs = parseField('start', req.start);
  const endMs = req.end === null || req.end === undefined ? Math.floor(nowMs) : parseField('end', req.end);
  if (endMs < startMs) throw validationError(['end'], 'end must not be before start');
  if (endMs - startMs > MAX_STATS_RANGE_MS) {
    throw validationError(['end'], 'end must be at most 31 days after start');
  }
  const granularity = resolveGranularity(req.granularity, endMs - startMs);
  const timeZone = req.timezone ?? 'UTC';
  const sqlTimeZone = canonicalTimeZone(timeZone);
  return { startMs, endMs, granularity, timeZone, sqlTimeZone };
}
