// A fresh, migrated database per test file: an in-memory PGlite, or a PostgreSQL database with a
// random name created from DATABASE_URL and dropped (WITH (FORCE)) afterwards.
import { randomBytes } from 'node:crypto';
import { migrate, openPglite, openPostgres, type Db } from '@feedback/server';
import { databaseUrl } from '../support/env.js';

export type EngineName = 'pglite' | 'postgres';

export interface TestDatabase {
  db: Db;
  dispose(): Promise<void>;
}

const PG_TIMEOUTS = { statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 };

async function onAdminConnection(adminUrl: string, sql: string): Promise<void> {
  const admin = openPostgres({ connectionString: adminUrl, maxConnections: 1, ...PG_TIMEOUTS });
  try {
    await admin.exec(sql);
  } finally {
    await admin.close();
  }
}

async function openPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  // Only hex digits after a fixed prefix: safe to splice into CREATE/DROP DATABASE.
  const name = `feedback_contract_${randomBytes(6).toString('hex')}`;
  await onAdminConnection(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres({ connectionString: url.toString(), maxConnections: 5, ...PG_TIMEOUTS });
  const dispose = async () => {
    await db.close();
    await onAdminConnection(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migrate(db);
  } catch (err) {
    await dispose();
    throw err;
  }
  return { db, dispose };
}

export async function openTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await openPglite('memory://');
    await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const adminUrl = databaseUrl();
  if (adminUrl === undefined) throw new Error('the postgres engine needs DATABASE_URL');
  return openPostgresDatabase(adminUrl);
}
