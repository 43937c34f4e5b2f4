// Builds the /feedback/payload_schema answer from what an engine counted: the server (counts from
// SQL) and the fake (counts from tallyPayloadPaths) both call this, so which paths are kept when
// there are too many, their order and the flags are decided once.
import type { FeedbackPayloadPath, FeedbackPayloadSchemaRes } from '@feedback/api-types';
import { toUtcIso } from '../time/format-instant.js';
import { compareCodePoints } from '../values/order.js';
import { PAYLOAD_VALUE_TYPES, type PathTypeCount } from './payload-paths.js';

/**
 * The most paths an answer lists. Past it the most frequent are kept (ties by path, code-point
 * order) and `paths_truncated` says so: a picker has no use for thousands of one-off keys, and
 * the answer stays ~100 kB.
 */
export const MAX_PAYLOAD_SCHEMA_PATHS = 1_000;

export interface PayloadSchemaCounts {
  /** The request's row limit. */
  maxRows: number;
  /** Rows the filters matched, counted up to `maxRows + 1`: more than `maxRows` means older rows were not read. */
  rowsMatched: number;
  /** `created_at` of the oldest row read, epoch ms; `null` when none was. */
  oldestExaminedMs: number | null;
  /** Object members passed over because json_path cannot name them. */
  skippedKeys: number;
  /**
   * Rows per (path, type) over the rows read. The server sends only the paths among the
   * MAX_PAYLOAD_SCHEMA_PATHS + 1 most frequent (the same order as here), which decides the same.
   */
  counts: readonly PathTypeCount[];
}

interface PathEntry {
  path: string;
  count: number;
  types: Map<string, number>;
}

/** Most rows first, then by path: the order in which paths are kept when there are too many. */
function byFrequency(a: PathEntry, b: PathEntry): number {
  return b.count - a.count || compareCodePoints(a.path, b.path);
}

function toPayloadPath(entry: PathEntry): FeedbackPayloadPath {
  const types: FeedbackPayloadPath['types'] = {};
  for (const type of PAYLOAD_VALUE_TYPES) {
    const n = entry.types.get(type);
    if (n !== undefined && n > 0) types[type] = n;
  }
  return { path: entry.path, count: entry.count, types };
}

export function assemblePayloadSchemaResponse(input: PayloadSchemaCounts): FeedbackPayloadSchemaRes {
  const byPath = new Map<string, PathEntry>();
  for (const { path, type, count } of input.counts) {
    let entry = byPath.get(path);
    if (entry === undefined) {
      entry = { path, count: 0, types: new Map() };
      byPath.set(path, entry);
    }
    // A path has one value per row, so its rows are the sum over its types.
    entry.count += count;
    entry.types.set(type, (entry.types.get(type) ?? 0) + count);
  }
  const ranked = [...byPath.values()].sort(byFrequency);
  const kept = ranked.slice(0, MAX_PAYLOAD_SCHEMA_PATHS).sort((a, b) => compareCodePoints(a.path, b.path));
  return {
    paths: kept.map(toPayloadPath),
    rows_examined: Math.min(input.rowsMatched, input.maxRows),
    complete: input.rowsMatched <= input.maxRows,
    oldest_examined_at: input.oldestExaminedMs === null ? null : toUtcIso(input.oldestExaminedMs),
    paths_truncated: ranked.length > MAX_PAYLOAD_SCHEMA_PATHS,
    skipped_keys: input.skippedKeys,
  };
}
