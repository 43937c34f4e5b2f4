// Time rules of the feedback API: zones, offsets, the stats window and its bucket grid.
export { assertTimeZone, canonicalTimeZone, isKnownTimeZone } from './time-zone.js';
export { localEpochMs, localEpochSeconds, offsetSecondsAt, offsetShiftsBetween } from './zone-offset.js';
export type { OffsetShift } from './zone-offset.js';
export { earliestInstantAtOrAfterLocal } from './local-to-instant.js';
export { formatInstantInZone, toUtcIso } from './format-instant.js';
export { parseDateTime } from './parse-date-time.js';
export { autoGranularity, MAX_BUCKETS, resolveGranularity } from './granularity.js';
export { bucketGrid, bucketKeyOf } from './bucket-grid.js';
export type { BucketGridArgs, BucketSlot } from './bucket-grid.js';
export { MAX_STATS_RANGE_MS, resolveStatsWindow } from './stats-window.js';
export type { StatsWindow, StatsWindowRequest } from './stats-window.js';
