// Rows a statement read, per table, from its EXPLAIN (ANALYZE, FORMAT JSON): for every scan node,
// the rows it returned plus the rows its filters dropped, times its loops (parallel workers and
// nested loops included). This is what "rows read" means in RESULTS.md: raw feedback rows and
// roll-up rows, counted by the engine itself.
import type { Statement } from './obvious-sql.js';
import type { SqlRunner } from './sql-runner.js';

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows read per table name (feedback, feedback_stats_rollup, …). */
export type RowsRead = Record<string, number>;

function walk(node: PlanNode, out: RowsRead): void {
  const table = node['Relation Name'];
  if (table !== undefined && /Scan$/.test(node['Node Type'] ?? '')) {
    const loops = node['Actual Loops'] ?? 1;
    const rows = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
    out[table] = (out[table] ?? 0) + Math.round(rows * loops);
  }
  for (const child of node.Plans ?? []) walk(child, out);
}

/** Parses the JSON plan of one statement (PostgreSQL returns it as text or as parsed JSON). */
export function rowsReadFromPlan(plan: unknown): RowsRead {
  const parsed: unknown = typeof plan === 'string' ? JSON.parse(plan) : plan;
  const out: RowsRead = {};
  for (const entry of Array.isArray(parsed) ? parsed : [parsed]) {
    const root = (entry as { Plan?: PlanNode }).Plan;
    if (root !== undefined) walk(root, out);
  }
  return out;
}

/** BEGIN/COMMIT/SET around the statements: timed with them, not EXPLAINed. */
function isFraming(sql: string): boolean {
  return /^\s*(BEGIN|COMMIT|SET|START)\b/i.test(sql);
}

/** Runs EXPLAIN ANALYZE on each statement and adds up the rows each table gave. */
export async function rowsRead(runner: SqlRunner, statements: readonly Statement[]): Promise<RowsRead> {
  const total: RowsRead = {};
  for (const s of statements) {
    if (isFraming(s.sql)) continue;
    const rows = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`, s.params);
    const one = rowsReadFromPlan(rows[0]?.['QUERY PLAN']);
    for (const [table, n] of Object.entries(one)) total[table] = (total[table] ?? 0) + n;
  }
  return total;
}

/** The text profile of the statements that compute the answer (both of a percentile read). */
export async function textProfile(runner: SqlRunner, statements: readonly Statement[]): Promise<string> {
  const out: string[] = [];
  for (const s of statements) {
    if (isFraming(s.sql)) continue;
    const rows = await runner.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    out.push(rows.map((r) => String(r['QUERY PLAN'])).join('\n'));
  }
  // The aggregate's first statement is its capped count (the plan choice): keep the answer's.
  return out.slice(statements.length > 1 && out.length > 1 && !statements.some((s) => isFraming(s.sql)) ? -1 : 0).join('\n\n');
}

const ROLLUP_TABLE = /_rollup/;

/** Raw feedback rows and roll-up rows of a RowsRead. */
export function splitRowsRead(r: RowsRead): { raw: number; rollup: number } {
  let raw = 0;
  let rollup = 0;
  for (const [table, n] of Object.entries(r)) {
    if (ROLLUP_TABLE.test(table)) rollup += n;
    else if (table === 'feedback') raw += n;
  }
  return { raw, rollup };
}
