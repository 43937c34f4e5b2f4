// /feedback/stats in one pass over the project's time range: per-bucket rows and the window
// totals come from the same scan (GROUPING SETS). Buckets are local wall-clock keys computed by
// PostgreSQL exactly as the shared rules define them (bucketKeyOf); the grid itself, including
// empty buckets, is laid out by the caller.
//
// Per row the work is kept small (see bench/RESULTS.md): rows come from a covering index
// (project-rows.ts); each metric is one jsonpath call that walks the keys and checks the type
// (metric-jsonpath.ts); the bucket key adds a per-segment offset instead of converting each row
// with AT TIME ZONE (stats-bucket-key.ts).
//
// The SQL text is assembled only from the fixed fragments below, chosen by validated enum values;
// every value from the request (paths, zone, bounds, percentiles) is a bound parameter.
import type { AggregationType, ValueType } from '@feedback/api-types';
import { invalidRequest, metricOverflowError, widePercentile, type CheckedStatsRequest, type ResolvedMetric } from '@feedback/semantics';
import type { Queryable } from '../storage/db.js';
import { isNumericOverflow } from '../storage/db-errors.js';
import { boundParams, type Bind, type SqlStatement } from './statement.js';
import { metricJsonPath } from './metric-jsonpath.js';
import { pgInstant } from './pg-instant.js';
import { projectRows } from './project-rows.js';
import { bucketKeySql } from './stats-bucket-key.js';

export interface StatsQuery {
  projectId: string;
  startMs: number;
  endMs: number;
  granularity: number;
  timeZone: string;
  feedbackType: string | null;
  triggerRef: { value: string; prefix: boolean } | null;
  metrics: readonly ResolvedMetric[];
}

/** The checked request as the SQL takes it (the route and the benchmarks both build it here). */
export function toStatsQuery(checked: CheckedStatsRequest): StatsQuery {
  const { window } = checked;
  return {
    projectId: checked.projectId,
    startMs: window.startMs,
    endMs: window.endMs,
    granularity: window.granularity,
    // The zone as Intl resolved it: PostgreSQL reads some bare names (CET, EST) differently.
    timeZone: window.sqlTimeZone,
    feedbackType: checked.feedbackType,
    triggerRef: checked.triggerRef,
    metrics: checked.metrics,
  };
}

/** One output row: `bucket_key` null for the window row; metric columns named m<i>_<n>. */
export type StatsRow = { bucket_key: number | null; n: number } & Record<string, unknown>;

/**
 * The typed value from the metric's path match (already of an accepted JSON type, or NULL).
 * Numeric values are read as `numeric` (the exact decimal jsonb holds) when a sum or an average
 * is asked for, so the sum is exact and rounded once (docs/semantics.md, "Exact sums"); as float8
 * otherwise (cheaper to compare). min/max give the same answer either way: each stored decimal is
 * the shortest text of a double, so numeric order is float8 order and the cast back is exact.
 */
const VALUE_EXPR: Record<ValueType, (j: string, exactSums: boolean) => string> = {
  numeric: (j, exactSums) => `(${j})::${exactSums ? 'numeric' : 'float8'}`,
  boolean: (j) => `(${j})::boolean`,
  categorical: (j) => `(${j}) #>> '{}'`,
};

/** The metric's typed value in `payload` (one jsonpath call; the path a bound parameter). */
export function metricValueSql(m: ResolvedMetric, bind: Bind): string {
  const path = bind(metricJsonPath(m.segments, m.valueType), 'jsonpath');
  return VALUE_EXPR[m.valueType](`jsonb_path_query_first(payload, ${path}, '{}', true)`, needsExactSum(m));
}

/** Whether a numeric metric reads its values as exact decimals (see VALUE_EXPR). */
export function needsExactSum(m: ResolvedMetric): boolean {
  return m.valueType === 'numeric' && m.aggregations.some((a) => a === 'sum' || a === 'avg');
}

/** How each aggregation reads the metric's value column `v`, per value type. */
const AGG_EXPR: Record<ValueType, Partial<Record<AggregationType, (v: string) => string>>> = {
  numeric: {
    // The exact sum rounded once: a sum past the float range fails the cast (22003, a 400).
    sum: (v) => `coalesce(sum(${v}), 0)::float8`,
    // Not avg(): the rounded exact sum over the count, the same quotient the fake computes.
    // (PostgreSQL's float8 avg also accumulates squares, which overflow for values far inside
    // the range, avg of 2e155 and 0; numeric avg rounds its own quotient.)
    avg: (v) => `(sum(${v})::float8 / nullif(count(${v}), 0)::float8)`,
    min: (v) => `min(${v})::float8`,
    max: (v) => `max(${v})::float8`,
    count: (v) => `count(${v})::int`,
    count_true: (v) => `count(*) FILTER (WHERE ${v} <> 0)::int`,
    count_false: (v) => `count(*) FILTER (WHERE ${v} = 0)::int`,
  },
  boolean: {
    sum: (v) => `coalesce(sum(${v}::int), 0)::float8`,
    avg: (v) => `(sum(${v}::int)::float8 / nullif(count(${v}), 0)::float8)`,
    min: (v) => `min(${v}::int)::float8`,
    max: (v) => `max(${v}::int)::float8`,
    count: (v) => `count(${v})::int`,
    count_true: (v) => `count(*) FILTER (WHERE ${v})::int`,
    count_false: (v) => `count(*) FILTER (WHERE NOT ${v})::int`,
  },
  categorical: {
    min: (v) => `min(${v} COLLATE "C")`,
    max: (v) => `max(${v} COLLATE "C")`,
    count: (v) => `count(${v})::int`,
    count_true: (v) => `count(*) FILTER (WHERE ${v} = 'true')::int`,
    count_false: (v) => `count(*) FILTER (WHERE ${v} = 'false')::int`,
  },
};

const PERCENTILE_INPUT: Record<ValueType, ((v: string) => string) | undefined> = {
  numeric: (v) => `${v}::float8`,
  boolean: (v) => `${v}::int::float8`,
  categorical: undefined,
};

/** The float8 that percentile_cont orders for the metric, from the payload; null for categorical. */
export function percentileInputSql(m: ResolvedMetric, bind: Bind): string | null {
  const input = PERCENTILE_INPUT[m.valueType];
  return input === undefined ? null : input(`(${metricValueSql(m, bind)})`);
}

// PostgreSQL allows 1,664 columns in a select list; each metric output is one column.
const MAX_OUTPUT_COLUMNS = 1_600;

export function metricColumn(metricIndex: number, outputIndex: number): string {
  return `m${metricIndex}_${outputIndex}`;
}

/**
 * `halvedPercentiles`: each metric with percentiles gets a second column right after the first,
 * percentile_cont over `v * 0.5`, for where the first one overflowed (see runStatsQuery).
 */
/**
 * The rows a stats request reads: its project ($1) and window ($2, $3) and its feedback_type and
 * trigger_ref filters. Shared by every raw stats statement (this one, the percentiles alone, the
 * top values), so they read the same rows.
 */
export function statsRowFilter(f: Pick<StatsQuery, 'feedbackType' | 'triggerRef'>, bind: Bind): string[] {
  const where = ['project_id = $1', 'created_at >= $2::timestamptz', 'created_at < $3::timestamptz'];
  if (f.feedbackType !== null) where.push(`feedback_type = ${bind(f.feedbackType, 'text')}`);
  if (f.triggerRef !== null) {
    where.push(f.triggerRef.prefix
      ? `starts_with(trigger_ref, ${bind(f.triggerRef.value, 'text')})`
      : `trigger_ref = ${bind(f.triggerRef.value, 'text')}`);
  }
  return where;
}

export function buildStatsSql(q: StatsQuery, opts: { halvedPercentiles?: boolean } = {}): SqlStatement {
  const { params, bind } = boundParams([q.projectId, pgInstant(q.startMs), pgInstant(q.endMs), q.timeZone, q.granularity]);
  const where = statsRowFilter(q, bind);

  const values: string[] = [];
  const aggregates: string[] = [];
  let outputColumns = 0;
  q.metrics.forEach((m, i) => {
    // One jsonpath call per row and metric: walks object keys only (json_path never indexes an
    // array) and keeps only the JSON types the metric takes.
    values.push(`${metricValueSql(m, bind)} AS v${i}`);
    let out = 0;
    for (const agg of m.aggregations) {
      const expr = AGG_EXPR[m.valueType][agg];
      if (expr === undefined) throw new Error(`aggregation ${agg} on ${m.valueType} passed validation`);
      aggregates.push(`${expr(`v${i}`)} AS ${metricColumn(i, out++)}`);
      outputColumns += 1;
    }
    const input = PERCENTILE_INPUT[m.valueType];
    if (m.percentiles.length > 0 && input !== undefined) {
      const fractions = m.percentiles.map((p) => p.p / 100);
      const fractionsParam = bind(fractions, 'float8[]');
      aggregates.push(`percentile_cont(${fractionsParam}) WITHIN GROUP (ORDER BY ${input(`v${i}`)}) AS ${metricColumn(i, out++)}`);
      outputColumns += 1;
      if (opts.halvedPercentiles === true) {
        aggregates.push(`percentile_cont(${fractionsParam}) WITHIN GROUP (ORDER BY ${input(`v${i}`)} * 0.5) AS ${metricColumn(i, out++)}`);
      }
    }
  });

  if (outputColumns > MAX_OUTPUT_COLUMNS || q.metrics.length > MAX_OUTPUT_COLUMNS) {
    throw invalidRequest(
      `These metrics ask for ${outputColumns} results in one request; the limit is ${MAX_OUTPUT_COLUMNS}. ` +
        'Split them over several requests.',
    );
  }

  const bucketKey = bucketKeySql(
    { startMs: q.startMs, endMs: q.endMs, timeZone: q.timeZone, timeZoneParam: '$4::text', granularityParam: '$5::float8' },
    bind,
  );
  const sql = `
    WITH picked AS (
      SELECT ${bucketKey} AS bucket_key ${values.map((e) => `, ${e}`).join('')}
      FROM ${projectRows('created_at, payload', where)} AS r
    )
    SELECT CASE WHEN grouping(bucket_key) = 1 THEN NULL ELSE bucket_key END AS bucket_key,
           count(*)::int AS n
           ${aggregates.map((a) => `, ${a}`).join('')}
    FROM picked
    GROUP BY GROUPING SETS ((bucket_key), ())`;
  return { sql, params };
}

interface PercentileColumns {
  /** percentile_cont over the values: float8[], +Infinity where the interpolation overflowed. */
  direct: string;
  /** percentile_cont over the halved values (only in the statement built with halvedPercentiles). */
  halved: string;
}

function percentileColumns(metrics: readonly ResolvedMetric[]): PercentileColumns[] {
  return metrics.flatMap((m, i) =>
    m.percentiles.length > 0 && PERCENTILE_INPUT[m.valueType] !== undefined
      ? [{ direct: metricColumn(i, m.aggregations.length), halved: metricColumn(i, m.aggregations.length + 1) }]
      : [],
  );
}

const isOverflowed = (v: unknown): boolean => typeof v === 'number' && !Number.isFinite(v);

function hasOverflowedPercentile(rows: readonly Record<string, unknown>[], columns: readonly PercentileColumns[]): boolean {
  return rows.some((row) => columns.some(({ direct }) => {
    const values: unknown = row[direct];
    return Array.isArray(values) && values.some(isOverflowed);
  }));
}

/**
 * percentile_cont interpolates as `lo + f·(hi − lo)`, which is +Infinity when hi − lo leaves the
 * float range (neighbours near ±1.8e308). Only then the statement runs again with the halved
 * percentiles beside, and each overflowed one becomes twice its halved value: the arithmetic
 * percentileCont does in the fake. One statement, so both columns read the same rows.
 */
function withWidePercentiles<R extends Record<string, unknown>>(rows: R[], columns: readonly PercentileColumns[]): R[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const { direct, halved } of columns) {
      const values: unknown = row[direct];
      const halves: unknown = row[halved];
      if (!Array.isArray(values) || !Array.isArray(halves)) continue;
      row[direct] = values.map((v: unknown, k) => {
        const half: unknown = halves[k];
        return isOverflowed(v) && typeof half === 'number' ? widePercentile(half) : v;
      });
    }
  }
  return rows;
}

/**
 * Runs `build()` and, only if a percentile overflowed, `build({ halvedPercentiles: true })`,
 * whose overflowed percentiles become twice their halved ones. `build` lays out each metric's
 * columns as buildStatsSql does: the percentiles at index `aggregations.length`, the halved
 * ones right after.
 */
export async function runWithWidePercentiles<R extends Record<string, unknown>>(
  db: Queryable,
  metrics: readonly ResolvedMetric[],
  build: (opts?: { halvedPercentiles?: boolean }) => SqlStatement,
): Promise<R[]> {
  try {
    const { sql, params } = build();
    const rows = (await db.query<R>(sql, params)).rows;
    const columns = percentileColumns(metrics);
    if (!hasOverflowedPercentile(rows, columns)) return rows;
    const wide = build({ halvedPercentiles: true });
    return withWidePercentiles((await db.query<R>(wide.sql, wide.params)).rows, columns);
  } catch (err) {
    if (isNumericOverflow(err)) throw metricOverflowError();
    throw err;
  }
}

export async function runStatsQuery(db: Queryable, q: StatsQuery): Promise<StatsRow[]> {
  // One statement: its snapshot is consistent on its own, so no transaction is opened around it.
  return runWithWidePercentiles<StatsRow>(db, q.metrics, (opts) => buildStatsSql(q, opts));
}
