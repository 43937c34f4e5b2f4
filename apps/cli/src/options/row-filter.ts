// The row filters of query, export and purge's preview, turned into Weave's query expression:
// --type, --user, --since/--from/--to on created_at, and --where 'field op value'.
import { InvalidArgumentError } from 'commander';
import type { Query } from '@feedback/sdk';
import { UsageError } from '../cli-errors.js';
import { resolveWindow, type WindowOptions } from './time-window.js';

type Expr = Query['$expr'];

export interface RowFilterOptions extends WindowOptions {
  type?: string[] | undefined;
  user?: string | undefined;
  where?: string[] | undefined;
}

const OPERATORS = [
  ['>=', '$gte'],
  ['<=', '$lte'],
  ['!=', '$ne'],
  ['~', '$contains'],
  ['=', '$eq'],
  ['>', '$gt'],
  ['<', '$lt'],
] as const;

/**
 * One --where condition: `payload.output.score>=0.8`, `feedback_type=wandb.note.1`,
 * `payload.note~refund` (substring, any case), `span_status_code!=OK`. The value is JSON when it
 * reads as JSON (numbers, true, false, null, "quoted text"), otherwise text.
 */
export function parseCondition(text: string): Expr {
  for (const [symbol, op] of OPERATORS) {
    const at = text.indexOf(symbol);
    if (at <= 0) continue;
    // "<=" must not be read as "<" followed by "=…", nor ">=" as ">": the longer symbols come first.
    const field = text.slice(0, at).trim();
    const raw = text.slice(at + symbol.length).trim();
    if (!/^[A-Za-z0-9_.\\ -]+$/.test(field)) break;
    const value = literal(raw);
    const get = { $getField: field };
    if (op === '$contains') return { $contains: { input: get, substr: { $literal: String(value) }, case_insensitive: true } };
    if (op === '$ne') return { $not: [{ $eq: [get, { $literal: value }] }] };
    return { [op]: [get, { $literal: value }] };
  }
  throw new InvalidArgumentError(`"${text}" is not a condition: write field=value, field!=value, field>=0.5, field<10 or field~text.`);
}

function literal(raw: string): string | number | boolean | null {
  if (raw === '') return '';
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed === null || typeof parsed === 'number' || typeof parsed === 'boolean' || typeof parsed === 'string') return parsed;
  } catch {
    // not JSON: the text itself
  }
  return raw;
}

/** The conditions as one expression, or null for "every row". */
export function rowFilter(opts: RowFilterOptions, zone: string, nowMs: number): Query | null {
  const all: Expr[] = [];
  const types = opts.type ?? [];
  if (types.length === 1) all.push({ $eq: [{ $getField: 'feedback_type' }, { $literal: types[0] ?? '' }] });
  if (types.length > 1) all.push({ $in: [{ $getField: 'feedback_type' }, types.map((t) => ({ $literal: t }))] });
  if (opts.user !== undefined) all.push({ $eq: [{ $getField: 'wb_user_id' }, { $literal: opts.user }] });
  if (opts.since !== undefined || opts.from !== undefined || opts.to !== undefined) {
    const w = resolveWindow(opts, zone, nowMs, 0);
    if (opts.since !== undefined || opts.from !== undefined) all.push({ $gte: [{ $getField: 'created_at' }, { $literal: new Date(w.startMs).toISOString() }] });
    all.push({ $lt: [{ $getField: 'created_at' }, { $literal: new Date(w.endMs).toISOString() }] });
  }
  for (const text of opts.where ?? []) {
    try {
      all.push(parseCondition(text));
    } catch (err) {
      throw new UsageError(`--where: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (all.length === 0) return null;
  return { $expr: all.length === 1 ? (all[0] as Expr) : { $and: all } };
}

/** "created_at:desc" → a sort key; the direction defaults to ascending. */
export function parseSort(text: string, previous: { field: string; direction: 'asc' | 'desc' }[] = []): { field: string; direction: 'asc' | 'desc' }[] {
  const m = /^(.+?)(?::(asc|desc))?$/.exec(text.trim());
  if (m?.[1] === undefined) throw new InvalidArgumentError('Write a sort key as field or field:desc.');
  return [...previous, { field: m[1], direction: m[2] === 'desc' ? 'desc' : 'asc' }];
}
