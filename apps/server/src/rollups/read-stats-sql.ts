// /feedback/stats from the roll-ups: one statement (one snapshot) that adds, per bucket key,
//   - the roll-up rows of the bucket's cells (feedback_stats_rollup: row counts;
//     feedback_stats_rollup_leaf: per metric path, counts, exact sums, min, max, zeros, true/false),
//   - the raw rows of the ranges no cell covers (the window's ragged edges), and
//   - the raw rows inside covered cells that are not in the roll-ups (`rolled_up IS NOT TRUE`:
//     payloads past the leaf bounds, rows not yet backfilled; src/rollups/README.md),
// as partial aggregates of one shape, then merges them exactly as the raw statement aggregates
// rows (sql/stats-query.ts): the same output columns, the same nulls, the same float8 results
// (exact sums rounded once; a sum past the float range fails the cast, 22003, as there).
// Raw rows get their bucket key from the same expression as the raw statement (bucketKeySql); a
// cell's rows get the key of the bucket the plan gave the cell.
//
// Only numeric and boolean metrics are computed here (their aggregations; percentiles and
// categorical metrics are read raw: plan-stats.ts). SQL text comes from fixed fragments; every
// value is a bound parameter.
import type { AggregationType, ValueType } from '@feedback/api-types';
import type { ResolvedMetric } from '@feedback/semantics';
import { pgInstant } from '../sql/pg-instant.js';
import { projectRows } from '../sql/project-rows.js';
import { bucketKeySql } from '../sql/stats-bucket-key.js';
import { metricColumn, metricValueSql, needsExactSum, type StatsQuery } from '../sql/stats-query.js';
import { boundParams, type Bind, type SqlStatement } from '../sql/statement.js';
import { FRESH_LEVEL } from './cells.js';
import type { RollupPlan } from './plan-cells.js';

/** The partial columns a rolled-up metric carries, per value type. */
type Partial = 'c' | 's' | 'lo' | 'hi' | 'z' | 't' | 'f';

function partialsOf(m: ResolvedMetric): Partial[] {
  if (m.valueType === 'boolean') return ['t', 'f'];
  const parts: Partial[] = ['c'];
  if (needsExactSum(m)) parts.push('s');
  if (m.aggregations.includes('min')) parts.push('lo');
  if (m.aggregations.includes('max')) parts.push('hi');
  if (m.aggregations.includes('count_true') || m.aggregations.includes('count_false')) parts.push('z');
  return parts;
}

/** SQL type of each partial (NULL placeholders in the union need it). */
const PARTIAL_TYPE: Record<Partial, string> = { c: 'bigint', s: 'numeric', lo: 'float8', hi: 'float8', z: 'bigint', t: 'bigint', f: 'bigint' };

/** A partial from a leaf row of the metric's path. */
const LEAF_PARTIAL: Record<Partial, string> = {
  c: 'l.num_count', s: 'l.num_sum', lo: 'l.num_min', hi: 'l.num_max', z: 'l.num_zero', t: 'l.bool_true', f: 'l.bool_false',
};

/** A partial over raw rows, from the metric's value column `v`. */
const RAW_PARTIAL: Record<Partial, (v: string) => string> = {
  c: (v) => `count(${v})`,
  s: (v) => `sum(${v})`,
  lo: (v) => `min(${v})::float8`,
  hi: (v) => `max(${v})::float8`,
  z: (v) => `count(*) FILTER (WHERE ${v} = 0)`,
  t: (v) => `count(*) FILTER (WHERE ${v})`,
  f: (v) => `count(*) FILTER (WHERE NOT ${v})`,
};

/** The final output of an aggregation from the merged partials of metric `i` (`p(x)` names one). */
const FINAL: Record<Exclude<ValueType, 'categorical'>, Partial_<AggregationType>> = {
  numeric: {
    count: (p) => `coalesce(sum(${p('c')}), 0)::int`,
    sum: (p) => `coalesce(sum(${p('s')}), 0)::float8`,
    avg: (p) => `(sum(${p('s')})::float8 / nullif(sum(${p('c')}), 0)::float8)`,
    min: (p) => `min(${p('lo')})`,
    max: (p) => `max(${p('hi')})`,
    count_true: (p) => `(coalesce(sum(${p('c')}), 0) - coalesce(sum(${p('z')}), 0))::int`,
    count_false: (p) => `coalesce(sum(${p('z')}), 0)::int`,
  },
  boolean: {
    count: (p) => `(coalesce(sum(${p('t')}), 0) + coalesce(sum(${p('f')}), 0))::int`,
    sum: (p) => `coalesce(sum(${p('t')}), 0)::float8`,
    avg: (p) => `(sum(${p('t')})::float8 / nullif(coalesce(sum(${p('t')}), 0) + coalesce(sum(${p('f')}), 0), 0)::float8)`,
    min: (p) => `(CASE WHEN sum(${p('f')}) > 0 THEN 0 WHEN sum(${p('t')}) > 0 THEN 1 END)::float8`,
    max: (p) => `(CASE WHEN sum(${p('t')}) > 0 THEN 1 WHEN sum(${p('f')}) > 0 THEN 0 END)::float8`,
    count_true: (p) => `coalesce(sum(${p('t')}), 0)::int`,
    count_false: (p) => `coalesce(sum(${p('f')}), 0)::int`,
  },
};
type Partial_<K extends string> = Record<K, (p: (x: Partial) => string) => string>;

const partialColumn = (metricIndex: number, x: Partial): string => `${x}${metricIndex}`;

/**
 * The stats filters on the raw rows (aliased `alias`): feedback_type and trigger_ref. The roll-up
 * tables get only the feedback_type one (`rollup`): they have no trigger_ref, and the planner reads
 * a request filtering on it raw (plan-stats.ts). Values are bound once and shared by every use.
 */
function statsFilters(q: StatsQuery, bind: Bind): { raw: (alias: string) => string[]; rollup: (alias: string) => string[] } {
  const type = q.feedbackType === null ? null : bind(q.feedbackType, 'text');
  const ref = q.triggerRef === null ? null : { param: bind(q.triggerRef.value, 'text'), prefix: q.triggerRef.prefix };
  const rollup = (alias: string): string[] => (type === null ? [] : [`${alias}.feedback_type = ${type}`]);
  return {
    rollup: (alias) => {
      if (ref !== null) throw new Error('a trigger_ref filter cannot be read from the roll-ups');
      return rollup(alias);
    },
    raw: (alias) => {
      const where = rollup(alias);
      if (ref !== null) where.push(ref.prefix ? `starts_with(${alias}.trigger_ref, ${ref.param})` : `${alias}.trigger_ref = ${ref.param}`);
      return where;
    },
  };
}

/**
 * `FROM cells AS c` joined to the rows of `table` (aliased `alias`, with `columns` and `where` on
 * it) in each cell range: the range's level and the fresh rows inside it (cells.ts, FRESH_LEVEL),
 * two index range scans per range on (project_id, level, cell_start); `levelWhere` applies to the
 * level rows only (the fresh rows are few, and always read through that index).
 * OFFSET 0 keeps the subquery from being flattened, which would let the planner hash-join every
 * roll-up row of the project against the ranges instead.
 */
export function rollupRowsInCells(table: string, alias: string, columns: string, where: readonly string[], levelWhere: readonly string[] = []): string {
  const rows = (level: string, extra: readonly string[]): string => `
        SELECT ${columns} FROM ${table} AS ${alias}
        WHERE ${alias}.project_id = $1 AND ${alias}.level = ${level} AND ${alias}.cell_start >= c.from_ts AND ${alias}.cell_start < c.to_ts
          ${[...where, ...extra].map((w) => `AND ${w}`).join(' ')}`;
  return `cells AS c CROSS JOIN LATERAL (${rows('c.level', levelWhere)}
        UNION ALL${rows(String(FRESH_LEVEL), [])}
        OFFSET 0) AS ${alias}`;
}

/**
 * The leaf read's level rows, through the path-first index (migration 011): `level > 0` is its
 * predicate, which the planner must see in the query to use it (c.level is only known per row).
 */
const LEAF_LEVEL_ROWS = ['l.level > 0'];

/**
 * The raw rows the plan leaves: every row of the raw ranges, and the rows of the covered part of
 * the window that are not in the roll-ups. Two disjoint branches; `columns` read from each.
 */
export function remainderRows(columns: string, extraWhere: readonly string[], rawFrom: string, rawTo: string): string {
  const inRanges = projectRows(columns, ['project_id = $1', 'created_at >= rr.from_ts', 'created_at < rr.to_ts', ...extraWhere]);
  return `(SELECT x.* FROM unnest(${rawFrom}, ${rawTo}) AS rr(from_ts, to_ts) CROSS JOIN LATERAL ${inRanges} AS x
           UNION ALL
           SELECT ${columns} FROM feedback
            WHERE project_id = $1 AND rolled_up IS NOT TRUE AND created_at >= $2::timestamptz AND created_at < $3::timestamptz
              ${extraWhere.map((w) => `AND ${w}`).join(' ')}
              AND NOT EXISTS (SELECT 1 FROM unnest(${rawFrom}, ${rawTo}) AS rr(from_ts, to_ts)
                               WHERE created_at >= rr.from_ts AND created_at < rr.to_ts))`;
}

/** The plan's cells as rows (bucket key, level, from, to): bound arrays, unnested. */
export function cellsSql(plan: RollupPlan, keyType: 'float8' | 'timestamptz', bind: Bind): string {
  const cells = plan.buckets.flatMap((b) => b.cells.map((c) => ({ key: b.key, ...c })));
  const keys = keyType === 'float8' ? cells.map((c) => c.key) : cells.map((c) => pgInstant(c.key));
  return `SELECT * FROM unnest(${bind(keys, `${keyType}[]`)}, ${bind(cells.map((c) => c.level), 'int[]')},
      ${bind(cells.map((c) => pgInstant(c.fromMs)), 'timestamptz[]')}, ${bind(cells.map((c) => pgInstant(c.toMs)), 'timestamptz[]')})
      AS c(bucket_key, level, from_ts, to_ts)`;
}

/** The plan's raw ranges as two bound arrays (from, to). */
export function rawRangeParams(plan: RollupPlan, bind: Bind): { rawFrom: string; rawTo: string } {
  return {
    rawFrom: bind(plan.raw.map((r) => pgInstant(r.fromMs)), 'timestamptz[]'),
    rawTo: bind(plan.raw.map((r) => pgInstant(r.toMs)), 'timestamptz[]'),
  };
}

/**
 * The statement for `q` under `plan`, computing the aggregations of the metrics at `rolledUp`
 * (indices into q.metrics: numeric or boolean). Output: `bucket_key` (null for the window row),
 * `n`, and metricColumn(i, j) for each of those metrics' aggregations — the raw statement's shape.
 */
export function buildStatsRollupSql(q: StatsQuery, plan: RollupPlan, rolledUp: readonly number[]): SqlStatement {
  const { params, bind } = boundParams([q.projectId, pgInstant(q.startMs), pgInstant(q.endMs), q.timeZone, q.granularity]);
  const filters = statsFilters(q, bind);
  const metrics = rolledUp.map((i) => {
    const m = q.metrics[i];
    if (m === undefined || m.valueType === 'categorical') throw new Error(`metric ${i} cannot come from the roll-ups`);
    return { i, m, valueType: m.valueType, partials: partialsOf(m), path: bind(m.segments.join('.'), 'text') };
  });
  const partialList = metrics.flatMap(({ i, partials }) => partials.map((x) => ({ i, x })));
  const partialColumns = (value: (i: number, x: Partial) => string): string =>
    partialList.map(({ i, x }) => `, ${value(i, x)} AS ${partialColumn(i, x)}`).join('');
  const nullPartial = (_i: number, x: Partial): string => `NULL::${PARTIAL_TYPE[x]}`;
  const { rawFrom, rawTo } = rawRangeParams(plan, bind);

  const fromCounts = `
      SELECT c.bucket_key, r.row_count AS n${partialColumns(nullPartial)}
      FROM ${rollupRowsInCells('feedback_stats_rollup', 'r', 'r.row_count', filters.rollup('r'))}`;
  const pathOf = new Map(metrics.map(({ i, path }) => [i, path]));
  const leafColumns = ['l.path', ...new Set(partialList.map(({ x }) => LEAF_PARTIAL[x]))].join(', ');
  const fromLeaves = metrics.length === 0 ? '' : `
      UNION ALL
      SELECT c.bucket_key, 0::bigint AS n${partialColumns((i, x) => `CASE WHEN l.path = ${pathOf.get(i) ?? 'NULL'} THEN ${LEAF_PARTIAL[x]} END`)}
      FROM ${rollupRowsInCells('feedback_stats_rollup_leaf', 'l', leafColumns, [`l.path IN (${metrics.map(({ path }) => path).join(', ')})`, ...filters.rollup('l')], LEAF_LEVEL_ROWS)}`;
  const bucketKey = bucketKeySql(
    { startMs: q.startMs, endMs: q.endMs, timeZone: q.timeZone, timeZoneParam: '$4::text', granularityParam: '$5::float8' },
    bind,
  );
  const values = metrics.map(({ i, m }) => `, ${metricValueSql(m, bind)} AS v${i}`).join('');
  const fromRaw = `
      UNION ALL
      SELECT bucket_key, count(*) AS n${partialColumns((i, x) => RAW_PARTIAL[x](`v${i}`))}
      FROM (SELECT ${bucketKey} AS bucket_key${values}
            FROM ${remainderRows('created_at, payload', filters.raw('feedback'), rawFrom, rawTo)} AS feedback) AS raw
      GROUP BY bucket_key`;

  const p = (i: number) => (x: Partial): string => partialColumn(i, x);
  const outputs = metrics.flatMap(({ i, m, valueType }) =>
    m.aggregations.map((agg, j) => `, ${FINAL[valueType][agg](p(i))} AS ${metricColumn(i, j)}`),
  );
  const sql = `
    WITH cells AS (${cellsSql(plan, 'float8', bind)}),
    parts AS (${fromCounts}${fromLeaves}${fromRaw})
    SELECT CASE WHEN grouping(bucket_key) = 1 THEN NULL ELSE bucket_key END AS bucket_key,
           coalesce(sum(n), 0)::int AS n
           ${outputs.join('')}
    FROM parts
    GROUP BY GROUPING SETS ((bucket_key), ())`;
  return { sql, params };
}
