// `top_values` of /feedback/stats (our extension) in one statement: each categorical metric that
// asks gets its N most frequent values over the window (count desc, then value COLLATE "C"), and
// the counts of exactly those values, plus the rest, per bucket and over the window. Run only when
// a metric asks, after the main stats statement (stats-query.ts), on the same rows and filters.
//
// Shape of the work: one scan of the window's rows extracts every asking metric's value (the same
// jsonpath and text as the categorical aggregations, once per row: the tally is materialized so
// no filter on the value is pushed into the scan, which would evaluate the jsonpath twice);
// `tally` counts (metric, bucket, value) and, in the same pass, each bucket's present values;
// `ranked` orders each metric's values by their window total; the answer rows are the tallies of
// the top values (each looked up in its metric's list of at most 50: no sort or join on the text
// of every tally) and the present values per bucket and for the window, from which `other`
// follows. Only the window rows carry the value text, so a long value is sent once, not once per
// bucket.
//
// SQL text comes only from the fixed fragments below; every value from the request is bound.
import type { CheckedStatsRequest, ComputedTopValues } from '@feedback/semantics';
import type { StatsValueCounts } from '@feedback/api-types';
import type { Queryable } from '../storage/db.js';
import { metricJsonPath } from './metric-jsonpath.js';
import { pgInstant } from './pg-instant.js';
import { projectRows } from './project-rows.js';
import { boundParams, type SqlStatement } from './statement.js';
import { bucketKeySql } from './stats-bucket-key.js';
import { statsRowFilter } from './stats-query.js';

/** One output row: `bucket_key` null for the window; `rank` null for the count of every present value. */
export interface TopValuesRow {
  /** Index into the request's metrics. */
  m: number;
  bucket_key: number | null;
  rank: number | null;
  /** The value's text, on window rows of a top value only. */
  value: string | null;
  n: number;
}

/** The statement for every metric of `checked` with `topValues`, or null when none asks. */
export function buildTopValuesSql(checked: CheckedStatsRequest): SqlStatement | null {
  const asking = checked.metrics.flatMap((m, i) => (m.topValues === undefined ? [] : [{ m, i, n: m.topValues }]));
  if (asking.length === 0) return null;
  const { window } = checked;
  // The zone as Intl resolved it, as stats-query.ts binds it: PostgreSQL reads some bare names differently.
  const { params, bind } = boundParams([checked.projectId, pgInstant(window.startMs), pgInstant(window.endMs), window.sqlTimeZone, window.granularity]);
  const where = statsRowFilter(checked, bind);
  const bucketKey = bucketKeySql(
    { startMs: window.startMs, endMs: window.endMs, timeZone: window.sqlTimeZone, timeZoneParam: '$4::text', granularityParam: '$5::float8' },
    bind,
  );
  // Categorical extraction: strings as they are, numbers and booleans as their JSON text.
  const values = asking.map(({ m }, j) => `, (jsonb_path_query_first(payload, ${bind(metricJsonPath(m.segments, 'categorical'), 'jsonpath')}, '{}', true)) #>> '{}' AS v${j}`);
  // One (metric, value) pair per row and metric, unpivoted by a LATERAL VALUES list.
  const pairs = asking.map(({ i }, j) => `(${i}, v${j})`);
  // limits[m + 1] is metric m's N; metrics that do not ask never reach `tally`.
  const limits = checked.metrics.map((m) => m.topValues ?? 0);
  const sql = `
    WITH picked AS (
      SELECT ${bucketKey} AS bucket_key ${values.join(' ')}
      FROM ${projectRows('created_at, payload', where)} AS r
    ),
    tally AS MATERIALIZED (
      SELECT x.m, picked.bucket_key, x.v, count(x.v) AS n, grouping(x.v) AS all_values
      FROM picked CROSS JOIN LATERAL (VALUES ${pairs.join(', ')}) AS x(m, v)
      GROUP BY GROUPING SETS ((x.m, picked.bucket_key, x.v), (x.m, picked.bucket_key))
    ),
    ranked AS (
      SELECT m, v, sum(n) AS n, row_number() OVER (PARTITION BY m ORDER BY sum(n) DESC, v COLLATE "C") AS rank
      FROM tally WHERE all_values = 0 AND v IS NOT NULL GROUP BY m, v
    ),
    top AS (SELECT m, v, n, rank FROM ranked WHERE rank <= (${bind(limits, 'int[]')})[m + 1]),
    top_list AS (SELECT m, array_agg(v ORDER BY rank) AS vs FROM top GROUP BY m)
    SELECT t.m, t.bucket_key, array_position(l.vs, t.v) AS rank, NULL::text AS value, t.n::int AS n
      FROM tally t JOIN top_list l ON l.m = t.m
      WHERE t.all_values = 0 AND t.v = ANY (l.vs)
    UNION ALL
    SELECT m, bucket_key, NULL, NULL, n::int FROM tally WHERE all_values = 1
    UNION ALL
    SELECT m, NULL, rank::int, v, n::int FROM top
    UNION ALL
    SELECT m, NULL, NULL, NULL, sum(n)::int FROM tally WHERE all_values = 1 GROUP BY m`;
  return { sql, params };
}

function zeroCounts(length: number): StatsValueCounts {
  return { counts: Array.from({ length }, () => 0), other: 0 };
}

interface Counted {
  values: string[];
  byBucketKey: Map<number, StatsValueCounts>;
  window: StatsValueCounts;
}

/** The statement's rows as the shared layout takes them: one entry per request metric. */
export function toComputedTopValues(rows: readonly TopValuesRow[], metricCount: number): (ComputedTopValues | undefined)[] {
  const byMetric = new Map<number, Counted>();
  const counted = (m: number): Counted => {
    let c = byMetric.get(m);
    if (c === undefined) {
      c = { values: [], byBucketKey: new Map(), window: { counts: [], other: 0 } };
      byMetric.set(m, c);
    }
    return c;
  };
  // The window rows first: they name the values in rank order (ranks 1..N, no gaps), which the
  // bucket rows then count. `other` holds the count of every present value until the end.
  for (const row of rows) {
    if (row.bucket_key !== null) continue;
    const c = counted(row.m);
    if (row.rank === null) {
      c.window.other = row.n;
    } else {
      c.values[row.rank - 1] = row.value ?? '';
      c.window.counts[row.rank - 1] = row.n;
    }
  }
  for (const row of rows) {
    if (row.bucket_key === null) continue;
    const c = counted(row.m);
    const into = c.byBucketKey.get(row.bucket_key) ?? zeroCounts(c.values.length);
    c.byBucketKey.set(row.bucket_key, into);
    if (row.rank === null) into.other = row.n;
    else into.counts[row.rank - 1] = row.n;
  }
  const withOther = (c: StatsValueCounts): void => {
    c.other -= c.counts.reduce((sum, n) => sum + n, 0);
  };
  for (const c of byMetric.values()) {
    withOther(c.window);
    c.byBucketKey.forEach(withOther);
  }
  return Array.from({ length: metricCount }, (_, m) => byMetric.get(m));
}

/** Every asking metric's top values (all `undefined` when none asks: no statement runs). */
export async function runTopValuesQuery(db: Queryable, checked: CheckedStatsRequest): Promise<(ComputedTopValues | undefined)[]> {
  const statement = buildTopValuesSql(checked);
  if (statement === null) return checked.metrics.map(() => undefined);
  const rows = (await db.query<TopValuesRow>(statement.sql, statement.params)).rows;
  return toComputedTopValues(rows, checked.metrics.length);
}
