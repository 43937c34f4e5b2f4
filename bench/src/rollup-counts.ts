// How big the roll-ups are against the raw rows: rows per table and level (whole table and the
// queried project), bytes, and the rows other dimension layouts would have had on the same data
// (counted from the raw rows), so the layout choice can be read off the benchmark's data.
import type { SqlRunner } from './sql-runner.js';

export const ROLLUP_TABLES = ['feedback_stats_rollup', 'feedback_stats_rollup_leaf', 'feedback_aggregate_rollup'] as const;
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

// Layouts compared on the raw rows: the two chosen (one per endpoint) and the alternatives.
const STATS_DIMS = ['feedback_type', 'trigger_ref'];
const AGGREGATE_DIMS = ['feedback_type', 'scorer_id', 'monitor_id', 'span_type', 'span_agent_name', 'span_agent_version', 'span_status_code'];
export const LAYOUTS: { layout: string; dimensions: string[] }[] = [
  { layout: 'stats (chosen)', dimensions: STATS_DIMS },
  { layout: 'aggregate (chosen)', dimensions: AGGREGATE_DIMS },
  { layout: 'one table for both endpoints', dimensions: [...new Set([...STATS_DIMS, ...AGGREGATE_DIMS])] },
  { layout: 'aggregate without span_agent_version', dimensions: AGGREGATE_DIMS.filter((d) => d !== 'span_agent_version') },
  { layout: 'aggregate: only scorer_id + span_status_code', dimensions: ['scorer_id', 'span_status_code'] },
];

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
  const layouts: LayoutCount[] = [];
  if (opts.layouts) for (const l of LAYOUTS) layouts.push(await layoutCount(runner, project, l));
  return { rawRows: num(raw?.['n']), projectRawRows: num(raw?.['p']), notRolledUp: num(raw?.['r']), rawBytes: num(raw?.['b']), tables, layouts };
}

/** The key of each roll-up table (migrations/006_rollups.sql). */
const KEYS: Record<RollupTable, string[]> = {
  feedback_stats_rollup: ['project_id', 'level', 'cell_start', 'feedback_type', 'trigger_ref'],
  feedback_stats_rollup_leaf: ['project_id', 'level', 'cell_start', 'feedback_type', 'trigger_ref', 'path'],
  feedback_aggregate_rollup: ['project_id', 'level', 'cell_start', 'feedback_type', 'scorer_id', 'monitor_id', 'span_type', 'span_agent_name', 'span_agent_version', 'span_status_code'],
};

/**
 * After `rollups rebuild`: its rows are one per key (recomputed from raw), but written with
 * compacted = false, so the first serving process's compactor would rewrite every one of them
 * while the queries are being timed. Checks that each key has one row, then marks them as the
 * compactor would leave them. Returns the rows marked.
 */
export async function markRebuiltCompacted(runner: SqlRunner): Promise<number> {
  let marked = 0;
  for (const table of ROLLUP_TABLES) {
    const keys = KEYS[table].join(', ');
    const dup = await runner.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} GROUP BY ${keys} HAVING count(*) > 1) AS d`);
    const n = Number(dup[0]?.['n'] ?? 0);
    if (n > 0) throw new Error(`${table}: ${n} key(s) with several rows; not in the state a rebuild leaves`);
    const rows = await runner.query(`WITH m AS (UPDATE ${table} SET compacted = true WHERE NOT compacted RETURNING 1) SELECT count(*)::int AS n FROM m`);
    marked += Number(rows[0]?.['n'] ?? 0);
  }
  return marked;
}
