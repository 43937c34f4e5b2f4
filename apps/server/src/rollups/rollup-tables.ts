// The roll-up tables as the statements name them: key columns (after project_id, level,
// cell_start) and, per table, how raw rows become a table row (`fromRows`) and how rows of one key
// merge (`merged`). Every statement of this directory is assembled from these fragments, so the
// write path, the backfill, rebuild, verify and the compactor agree by construction.
//
// `fromRows(src)` reads a relation `src` with the columns of RollupSource; `merged(rel)` reads
// rows of the table itself (deltas). Both produce the table's columns, in TABLE_COLUMNS order,
// without `compacted`.
import { cellStartSql, FRESH_LEVEL, levelsSql, ROLLUP_LEVELS, type RollupLevel } from './cells.js';

/** The columns a roll-up source relation has (raw rows, plus `leaves` for the leaf table). */
export const SOURCE_COLUMNS = [
  'project_id', 'created_at', 'feedback_type', 'scorer_id', 'monitor_id', 'span_type',
  'span_agent_name', 'span_agent_version', 'span_status_code', 'is_scored', 'scorer_tags', 'scorer_ratings',
] as const;

export interface RollupTable {
  name: 'feedback_stats_rollup' | 'feedback_stats_rollup_leaf' | 'feedback_aggregate_rollup' | 'feedback_aggregate_scorer_rollup';
  /** Key columns after project_id, level, cell_start. */
  dims: readonly string[];
  /** Value columns. */
  values: readonly string[];
  /** Whether the source needs the `leaves` column (feedback_payload_leaves or the write path's). */
  needsLeaves: boolean;
  /** At the given levels (default all three). */
  fromRows(src: string, levels?: readonly RollupLevel[]): string;
  merged(rel: string): string;
}

const CELL_KEY = ['project_id', 'level', 'cell_start'];

function keyOf(t: Pick<RollupTable, 'dims'>): string[] {
  return [...CELL_KEY, ...t.dims];
}

/** `src` crossed with the levels: one row per (raw row, level), with its cell_start. */
function atLevels(src: string, columns: readonly string[], levels: readonly RollupLevel[] = ROLLUP_LEVELS): string {
  return `(SELECT s.project_id, lv.level, ${cellStartSql('s.created_at')} AS cell_start, ${columns.map((c) => `s.${c}`).join(', ')}
           FROM ${src} AS s CROSS JOIN ${levelsSql(levels)})`;
}

// The stats tables are keyed by feedback_type only, not trigger_ref: real trigger refs carry a
// per-row digest (on the benchmark's data 200,059 distinct values in 200,061 rows), so keying by
// them left these tables as many rows as the raw table. A stats request with a trigger_ref filter
// is read raw (plan-stats.ts).
export const STATS_TABLE: RollupTable = {
  name: 'feedback_stats_rollup',
  dims: ['feedback_type'],
  values: ['row_count'],
  needsLeaves: false,
  fromRows: (src, levels) => `
    SELECT project_id, level, cell_start, feedback_type, count(*)::bigint AS row_count
    FROM ${atLevels(src, ['feedback_type'], levels)} AS x
    GROUP BY project_id, level, cell_start, feedback_type`,
  merged: (rel) => `
    SELECT project_id, level, cell_start, feedback_type, sum(row_count)::bigint AS row_count
    FROM ${rel} AS m
    GROUP BY project_id, level, cell_start, feedback_type`,
};

export const LEAF_TABLE: RollupTable = {
  name: 'feedback_stats_rollup_leaf',
  dims: ['feedback_type', 'path'],
  values: ['num_count', 'num_sum', 'num_min', 'num_max', 'num_zero', 'bool_true', 'bool_false'],
  needsLeaves: true,
  // num: the exact value (jsonb numbers are numeric); float8 of it is what stats' (jsonb)::float8
  // gives, and as that rounding never reverses an order, the float8 of the min is the min of the
  // float8s: cast once per group, not per value (a numeric-to-float8 cast goes through text).
  // flag: the boolean. A leaf is one or the other.
  fromRows: (src, levels) => `
    SELECT project_id, level, cell_start, feedback_type, path,
           count(num)::bigint AS num_count, coalesce(sum(num), 0) AS num_sum,
           min(num)::float8 AS num_min, max(num)::float8 AS num_max,
           count(*) FILTER (WHERE num = 0)::bigint AS num_zero,
           count(*) FILTER (WHERE flag)::bigint AS bool_true, count(*) FILTER (WHERE NOT flag)::bigint AS bool_false
    FROM (
      SELECT x.project_id, x.level, x.cell_start, x.feedback_type, e.key AS path,
             CASE WHEN jsonb_typeof(e.value) = 'number' THEN e.value::numeric END AS num,
             CASE WHEN jsonb_typeof(e.value) = 'boolean' THEN e.value::boolean END AS flag
      FROM ${atLevels(src, ['feedback_type', 'leaves'], levels)} AS x
      CROSS JOIN LATERAL jsonb_each(x.leaves) AS e
    ) AS v
    GROUP BY project_id, level, cell_start, feedback_type, path`,
  merged: (rel) => `
    SELECT project_id, level, cell_start, feedback_type, path,
           sum(num_count)::bigint AS num_count, sum(num_sum) AS num_sum, min(num_min) AS num_min, max(num_max) AS num_max,
           sum(num_zero)::bigint AS num_zero, sum(bool_true)::bigint AS bool_true, sum(bool_false)::bigint AS bool_false
    FROM ${rel} AS m
    GROUP BY project_id, level, cell_start, feedback_type, path`,
};

const AGGREGATE_DIMS = ['feedback_type', 'scorer_id', 'monitor_id', 'span_type', 'span_agent_name', 'span_agent_version', 'span_status_code'];

/**
 * Counts and the three maps per key, from rows `x` that carry per-row `total`/`scored` counts and
 * (key, count, sum) items from `tagPairs`/`ratingPairs`: the same grouping serves raw rows (each
 * counts 1) and deltas (each counts its own counts). Tags and ratings go through one grouping
 * (kind 't' or 'r'), then one more per key builds the maps: two sorts of the items, not four.
 */
function aggregateSelect(dims: readonly string[], x: string, total: string, scored: string, tagPairs: string, ratingPairs: string): string {
  const key = [...CELL_KEY, ...dims].join(', ');
  return `
    WITH x AS MATERIALIZED (${x}),
    base AS (SELECT ${key}, ${total} AS total_count, ${scored} AS scored_count FROM x GROUP BY ${key}),
    items AS (
      SELECT ${key}, i.kind, i.item, sum(i.n) AS n, sum(i.s) AS s
      FROM x CROSS JOIN LATERAL (
        SELECT 't' AS kind, t.tag AS item, t.n, NULL::numeric AS s FROM ${tagPairs} AS t(tag, n)
        UNION ALL
        SELECT 'r', r.rkey, r.n, r.s FROM ${ratingPairs} AS r(rkey, n, s)
      ) AS i
      GROUP BY ${key}, i.kind, i.item
    ),
    maps AS (
      SELECT ${key},
             jsonb_object_agg(item, n) FILTER (WHERE kind = 't') AS tag_counts,
             jsonb_object_agg(item, n) FILTER (WHERE kind = 'r') AS rating_counts,
             jsonb_object_agg(item, s) FILTER (WHERE kind = 'r') AS rating_sums
      FROM items GROUP BY ${key}
    )
    SELECT ${key}, base.total_count, base.scored_count,
           coalesce(maps.tag_counts, '{}') AS tag_counts,
           coalesce(maps.rating_counts, '{}') AS rating_counts, coalesce(maps.rating_sums, '{}') AS rating_sums
    FROM base LEFT JOIN maps USING (${key})`;
}

/** An aggregate roll-up table keyed by `dims` (a subset of AGGREGATE_DIMS). */
function aggregateTable(name: 'feedback_aggregate_rollup' | 'feedback_aggregate_scorer_rollup', dims: readonly string[]): RollupTable {
  return {
    name,
    dims,
    values: ['total_count', 'scored_count', 'tag_counts', 'rating_counts', 'rating_sums'],
    needsLeaves: false,
    // As /feedback/aggregate counts: every occurrence of a tag; per rating key, the rows whose
    // value is a JSON number, and the exact sum of those values.
    fromRows: (src, levels) =>
      aggregateSelect(
        dims,
        `SELECT * FROM ${atLevels(src, [...dims, 'is_scored', 'scorer_tags', 'scorer_ratings'], levels)} AS a`,
        'count(*)::bigint',
        'count(*) FILTER (WHERE is_scored)::bigint',
        '(SELECT tag, 1 FROM unnest(x.scorer_tags) AS tag)',
        `(SELECT key, 1, value::numeric FROM jsonb_each(x.scorer_ratings) WHERE jsonb_typeof(value) = 'number')`,
      ),
    merged: (rel) =>
      aggregateSelect(
        dims,
        `SELECT * FROM ${rel} AS a`,
        'sum(total_count)::bigint',
        'sum(scored_count)::bigint',
        '(SELECT key, value::numeric FROM jsonb_each(x.tag_counts))',
        '(SELECT c.key, c.value::numeric, s.value::numeric FROM jsonb_each(x.rating_counts) AS c JOIN jsonb_each(x.rating_sums) AS s USING (key))',
      ),
  };
}

/** Every dimension /feedback/aggregate filters or groups on: serves any request the roll-ups can. */
export const AGGREGATE_TABLE = aggregateTable('feedback_aggregate_rollup', AGGREGATE_DIMS);

/**
 * Only scorer and span status: the dashboard's and the monitors' usual grouping. On the
 * benchmark's data a project-day holds ~1,000–3,300 combinations of all seven dimensions but 27
 * of these two (837 rows a month against 32,173), and expanding the maps of each row is what a
 * read costs. It serves the requests grouped by nothing but these two and filtered by nothing but
 * scorer (read-aggregate-sql.ts); the others read AGGREGATE_TABLE.
 */
export const AGGREGATE_SCORER_TABLE = aggregateTable('feedback_aggregate_scorer_rollup', ['scorer_id', 'span_status_code']);

export const ROLLUP_TABLES: readonly RollupTable[] = [STATS_TABLE, LEAF_TABLE, AGGREGATE_TABLE, AGGREGATE_SCORER_TABLE];

/** The table's columns written by an insert (key, then values; `compacted` left to its default or set by the caller). */
export function tableColumns(t: RollupTable): string[] {
  return [...keyOf(t), ...t.values];
}

/**
 * The rows of `rel` (the table's columns) at each level: a fresh row (cells.ts, FRESH_LEVEL) in
 * its quarter, hour and day, any other row where it is. What the rows count per cell; `rel` is
 * read once.
 */
export function spreadFreshSql(t: RollupTable, rel: string): string {
  const columns = tableColumns(t).map((c) => {
    if (c === 'level') return `CASE WHEN s.level = ${FRESH_LEVEL} THEN lv.level ELSE s.level END AS level`;
    if (c === 'cell_start') return `CASE WHEN s.level = ${FRESH_LEVEL} THEN ${cellStartSql('s.cell_start')} ELSE s.cell_start END AS cell_start`;
    return `s.${c}`;
  });
  // A fresh row joins the three levels; any other row one of them (the first), to stay one row.
  return `SELECT ${columns.join(', ')} FROM ${rel} AS s
    JOIN ${levelsSql()} ON s.level = ${FRESH_LEVEL} OR lv.level = ${ROLLUP_LEVELS[0]}`;
}
