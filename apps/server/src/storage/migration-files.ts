// The numbered `.sql` files of a migrations directory, read and classified.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitSqlStatements } from './sql-statements.js';

/**
 * A file whose first line is this comment runs outside a transaction, one statement at a time:
 * the way to build an index with CREATE INDEX CONCURRENTLY, which writers do not wait for.
 * Its statements must be safe to run again (IF NOT EXISTS / IF EXISTS): when one fails, those
 * before it stay done and the whole file runs again next time.
 */
export const NO_TRANSACTION_MARKER = '-- migrate: no-transaction';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  /** The statements, one by one, for a file with the no-transaction marker; undefined otherwise. */
  statements: string[] | undefined;
}

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((f) => FILE_NAME.test(f)).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(join(dir, name), 'utf8');
    const firstLine = sql.split('\n', 1)[0]?.trim() ?? '';
    files.push({
      version: Number(name.slice(0, 3)),
      name,
      sql,
      statements: firstLine.toLowerCase() === NO_TRANSACTION_MARKER ? splitSqlStatements(sql) : undefined,
    });
  }
  const seen = new Map<number, string>();
  for (const f of files) {
    const other = seen.get(f.version);
    if (other !== undefined) throw new Error(`migrations ${other} and ${f.name} share version ${f.version}`);
    seen.set(f.version, f.name);
  }
  return files;
}

const CONCURRENT_INDEX = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s+ON\b/i;

/** The statement with its leading comments removed. */
function withoutLeadingComments(statement: string): string {
  return statement.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
}

/** The name of the index a CREATE INDEX CONCURRENTLY statement builds, as stored in the catalog. */
export function concurrentIndexName(statement: string): string | undefined {
  const m = CONCURRENT_INDEX.exec(withoutLeadingComments(statement));
  const raw = m?.[1];
  if (raw === undefined) return undefined;
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
}

/** CONCURRENTLY builds and drops take no lock that writers wait for. */
export function isConcurrent(statement: string): boolean {
  return /^\s*(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\s+\w+)\s+CONCURRENTLY\b/i.test(withoutLeadingComments(statement));
}
