// How big the roll-ups are against the raw rows: rows per table and level (whole table and the
// queried project), bytes, and the rows other dimension layouts would have had on the same data
// (counted from the raw rows), so the layout choice can be read off the benchmark's data.
import type { SqlRunner } from './sql-runner.js';

export const ROLLUP_TABLES = ['feedback_stats_rollup', 'feedback_stats_rollup_leaf', 'feedback_aggregate_rollup', 'feedback_aggregate_scorer_rollup'] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];
export const LEVELS = [900, 3600, 86_400] as const;

export interface TableCount {
  table: RollupTable;
  /** Rows per level (seconds → rows), whole table. */
  rowsByLevel: Record<string, number>;
  /** Rows per level for the queried project. */
  projectRowsByLevel: Record<string, number>;
  /** Rows the compactor has not merged yet (deltas). */
  uncompacted: number;
  bytes: number;
}

export interface LayoutCount {
  layout: string;
  dimensions: string[];
  /** Distinct (cell, dimensions) per level over the queried project's raw rows: the rows a compacted roll-up holds. */
  keysByLevel: Record<string, number>;
}

export interface RollupCounts {
  rawRows: number;
  projectRawRows: number;
  /** Raw rows with rolled_up not true (read raw by the roll-up path). */
  notRolledUp: number;
  rawBytes: number;
  tables: TableCount[];
  layouts: LayoutCount[];
}

/** Columns of a roll-up table that are not part of its key. */
const VALUE_COLUMNS = new Set([
  'row_count', 'num_count', 'num_sum', 'num_min', 'num_max', 'num_zero', 'bool_true', 'bool_false',
  'total_count', 'scored_count', 'tag_counts', 'rating_counts', 'rating_sums', 'compacted',
]);

/** The key of a roll-up table as migrated (project_id, level, cell_start, then its dimensions). */
export async function tableKey(runner: SqlRunner, table: RollupTable): Promise<string[]> {
  const rows = await runner.query(
    `SELECT a.attname AS name FROM pg_attribute AS a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r) => String(r['name'])).filter((n) => !VALUE_COLUMNS.has(n));
}

const DIMENSION = (key: readonly string[]): string[] => key.filter((c) => !['project_id', 'level', 'cell_start', 'path'].includes(c));

/** The chosen layouts (read from the tables) and the alternatives, counted on the raw rows. */
async function layouts(runner: SqlRunner): Promise<{ layout: string; dimensions: string[] }[]> {
  const stats = DIMENSION(await tableKey(runner, 'feedback_stats_rollup'));
  const aggregate = DIMENSION(await tableKey(runner, 'feedback_aggregate_rollup'));
  const narrow = DIMENSION(await tableKey(runner, 'feedback_aggregate_scorer_rollup'));
  return [
    { layout: 'stats (chosen)', dimensions: stats },
    ...(stats.includes('trigger_ref') ? [] : [{ layout: 'stats keyed on trigger_ref too', dimensions: [...stats, 'trigger_ref'] }]),
    { layout: 'aggregate (chosen)', dimensions: aggregate },
    { layout: 'one table for both endpoints', dimensions: [...new Set([...stats, ...aggregate])] },
    { layout: 'aggregate without span_agent_version', dimensions: aggregate.filter((d) => d !== 'span_agent_version') },
    { layout: 'aggregate, narrow (chosen beside the wide one)', dimensions: narrow },
  ];
}

const num = (v: unknown): number => Number(v ?? 0);

async function tableCount(runner: SqlRunner, table: RollupTable, project: string): Promise<TableCount> {
  // Table names come from the fixed list above, never from input.
  const rows = await runner.query(
    `SELECT level, count(*)::float8 AS n, count(*) FILTER (WHERE project_id = $1)::float8 AS p,
            count(*) FILTER (WHERE NOT compacted)::float8 AS u
       FROM ${table} GROUP BY level`,
    [project],
  );
  const rowsByLevel: Record<string, number> = {};
  const projectRowsByLevel: Record<string, number> = {};
  let uncompacted = 0;
  for (const r of rows) {
    rowsByLevel[String(r['level'])] = num(r['n']);
    projectRowsByLevel[String(r['level'])] = num(r['p']);
    uncompacted += num(r['u']);
  }
  const bytes = num((await runner.query(`SELECT pg_total_relation_size('${table}')::float8 AS b`))[0]?.['b']);
  return { table, rowsByLevel, projectRowsByLevel, uncompacted, bytes };
}

async function layoutCount(runner: SqlRunner, project: string, layout: { layout: string; dimensions: string[] }): Promise<LayoutCount> {
  const keysByLevel: Record<string, number> = {};
  // Dimension names come from the fixed list above.
  const dims = layout.dimensions.join(', ');
  for (const level of LEVELS) {
    const rows = await runner.query(
      `SELECT count(*)::float8 AS n FROM (
         SELECT DISTINCT date_bin(make_interval(secs => ${level}), created_at, timestamptz '1970-01-01Z'), ${dims}
           FROM feedback WHERE project_id = $1) AS k`,
      [project],
    );
    keysByLevel[String(level)] = num(rows[0]?.['n']);
  }
  return { ...layout, keysByLevel };
}

export async function countRollups(runner: SqlRunner, project: string, opts: { layouts: boolean }): Promise<RollupCounts> {
  const raw = (await runner.query(
    `SELECT (SELECT count(*) FROM feedback)::float8 AS n,
            (SELECT count(*) FROM feedback WHERE project_id = $1)::float8 AS p,
            (SELECT count(*) FROM feedback WHERE rolled_up IS NOT TRUE)::float8 AS r,
            pg_total_relation_size('feedback')::float8 AS b`,
    [project],
  ))[0];
  const tables: TableCount[] = [];
  for (const t of ROLLUP_TABLES) tables.push(await tableCount(runner, t, project));
  const found: LayoutCount[] = [];
  if (opts.layouts) for (const l of await layouts(runner)) found.push(await layoutCount(runner, project, l));
  return { rawRows: num(raw?.['n']), projectRawRows: num(raw?.['p']), notRolledUp: num(raw?.['r']), rawBytes: num(raw?.['b']), tables, layouts: found };
}

/**
 * After `rollups rebuild`: its rows are one per key, recomputed from raw and written compacted,
 * so no serving process's compactor rewrites them while the queries are timed. Checks that state
 * (one row per key, no fresh row, none uncompacted) and returns the rows checked.
 */
export async function expectRebuiltCompacted(runner: SqlRunner): Promise<number> {
  let checked = 0;
  for (const table of ROLLUP_TABLES) {
    const keys = (await tableKey(runner, table)).join(', ');
    const dup = await runner.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} GROUP BY ${keys} HAVING count(*) > 1) AS d`);
    const n = Number(dup[0]?.['n'] ?? 0);
    if (n > 0) throw new Error(`${table}: ${n} key(s) with several rows; not in the state a rebuild leaves`);
    const rows = await runner.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE level = 0 OR NOT compacted)::int AS left FROM ${table}`);
    const left = Number(rows[0]?.['left'] ?? 0);
    if (left > 0) throw new Error(`${table}: ${left} fresh or uncompacted row(s); not in the state a rebuild leaves`);
    checked += Number(rows[0]?.['n'] ?? 0);
  }
  return checked;
}
