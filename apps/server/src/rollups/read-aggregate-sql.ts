// /feedback/aggregate from the roll-ups: one statement (one snapshot) whose groups add
//   - the aggregate roll-up rows of each bucket's cells (counts, and the tag, rating-count and
//     exact rating-sum maps, expanded key by key), from the narrowest table that holds the
//     request's dimensions (plan-aggregate.ts, aggregateRollupTable), and
//   - the raw rows the plan leaves (ranges no cell covers; rows in covered cells that are not in
//     the roll-ups: remainderRows),
// then groups, joins, orders and limits exactly as the raw statement (sql/aggregate-query.ts):
// the same keys, map key order (COLLATE "C"), float8 sums (exact sums rounded once), row order
// and LIMIT. Only requests whose filters the roll-ups hold get here (plan-aggregate.ts).
import { bucketStartSql } from '../sql/aggregate-bucket.js';
import { aggregateAnswerSql, dimensionFilters, GROUP_COLUMN, READ_COLUMNS, type AggregateQuery } from '../sql/aggregate-query.js';
import { pgInstant } from '../sql/pg-instant.js';
import { boundParams, type SqlStatement } from '../sql/statement.js';
import type { RollupPlan } from './plan-cells.js';
import type { RollupTable } from './rollup-tables.js';
import { cellsSql, rawRangeParams, remainderRows, rollupRowsInCells } from './read-stats-sql.js';

export function buildAggregateRollupSql(q: AggregateQuery, plan: RollupPlan, table: RollupTable): SqlStatement {
  const { params, bind } = boundParams([q.projectId, pgInstant(q.afterMs), pgInstant(q.beforeMs)]);
  const filters = dimensionFilters(q, bind);
  const { rawFrom, rawTo } = rawRangeParams(plan, bind);
  const groupCols = q.groupBy.map((g, i) => `${GROUP_COLUMN[g]} AS g${i}`);
  const keys = ['b', ...q.groupBy.map((_, i) => `g${i}`)];
  const keyList = keys.join(', ');

  const sql = `
    WITH cells AS (${cellsSql(plan, 'timestamptz', bind)}),
    f AS MATERIALIZED (
      SELECT ${bucketStartSql(q.bucketMs, bind)} AS b${groupCols.map((c) => `, ${c}`).join('')},
             is_scored, scorer_tags, scorer_ratings
      FROM ${remainderRows(READ_COLUMNS, filters, rawFrom, rawTo)} AS r
    ),
    roll AS MATERIALIZED (
      SELECT c.bucket_key AS b${q.groupBy.map((_, i) => `, r.g${i}`).join('')},
             total_count, scored_count, tag_counts, rating_counts, rating_sums
      FROM ${rollupRowsInCells(table.name, 'r', [...groupCols, 'total_count', 'scored_count', 'tag_counts', 'rating_counts', 'rating_sums'].join(', '), filters)}
    ),
    base AS (
      SELECT ${keyList}, sum(total_count)::int AS total_count, sum(scored_count)::int AS scored_count
      FROM (SELECT ${keyList}, total_count, scored_count FROM roll
            UNION ALL
            SELECT ${keyList}, 1, is_scored::int FROM f) AS x
      GROUP BY ${keyList}
    ),
    tag_rows AS (
      SELECT ${keyList}, tag, sum(n)::int AS n
      FROM (SELECT ${keyList}, t.key AS tag, t.value::bigint AS n FROM roll, jsonb_each(roll.tag_counts) AS t
            UNION ALL
            SELECT ${keyList}, unnest(scorer_tags) AS tag, 1 AS n FROM f) AS x
      GROUP BY ${keyList}, tag
    ),
    rating_rows AS (
      SELECT ${keyList}, key, sum(n)::int AS n, sum(v)::float8 AS s
      FROM (
        SELECT ${keyList}, e.key, e.value::bigint AS n, (roll.rating_sums -> e.key)::numeric AS v
        FROM roll, jsonb_each(roll.rating_counts) AS e
        UNION ALL
        SELECT ${keyList}, key, CASE WHEN v IS NULL THEN 0 ELSE 1 END AS n, v
        FROM (
          SELECT ${keyList}, key, CASE WHEN jsonb_typeof(value) = 'number' THEN value::numeric END AS v
          FROM (SELECT ${keyList}, key, scorer_ratings -> key AS value
                FROM (SELECT ${keyList}, scorer_ratings, jsonb_object_keys(scorer_ratings) AS key FROM f) AS k) AS kv
        ) AS raw_ratings
      ) AS x
      GROUP BY ${keyList}, key
      HAVING sum(n) > 0
    ),
    ${aggregateAnswerSql(q, bind)}`;
  return { sql, params };
}
