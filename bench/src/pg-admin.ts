// The benchmark's own PostgreSQL databases (never the one tests use): created fresh per run from
// the admin URL, and a marker table recording which dataset a database holds.
import pg from 'pg';

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Names are built by the benchmark from a fixed prefix and a size name, never from input. */
function assertSafeName(name: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  assertSafeName(name);
  await withAdmin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withAdmin(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rows.length > 0);
}

export async function withDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return withAdmin(url, fn);
}

export interface DatasetMarker {
  dataset: string;
  rows: number;
  loadSeconds: number;
  vacuumSeconds: number;
  importers: number;
}

export async function writeMarker(c: pg.Client, m: DatasetMarker): Promise<void> {
  await c.query('CREATE TABLE IF NOT EXISTS bench_dataset (dataset text, rows bigint, load_seconds float8, vacuum_seconds float8, importers int)');
  await c.query('DELETE FROM bench_dataset');
  await c.query('INSERT INTO bench_dataset VALUES ($1, $2, $3, $4, $5)', [m.dataset, m.rows, m.loadSeconds, m.vacuumSeconds, m.importers]);
}

export async function readMarker(c: pg.Client): Promise<DatasetMarker | undefined> {
  const exists = await c.query("SELECT to_regclass('bench_dataset') IS NOT NULL AS ok");
  if (exists.rows[0]?.ok !== true) return undefined;
  const res = await c.query<{ dataset: string; rows: string; load_seconds: number; vacuum_seconds: number; importers: number }>(
    'SELECT * FROM bench_dataset LIMIT 1',
  );
  const r = res.rows[0];
  return r === undefined
    ? undefined
    : { dataset: r.dataset, rows: Number(r.rows), loadSeconds: r.load_seconds, vacuumSeconds: r.vacuum_seconds, importers: r.importers };
}
