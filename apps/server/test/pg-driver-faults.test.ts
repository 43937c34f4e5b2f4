// The PostgreSQL driver when the network misbehaves: a query on a connection whose peer stopped
// answering (half-open) ends at its deadline instead of holding its request forever, the stuck
// connection is not handed out again, and an idle connection that dies is reported, not ignored.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/storage/db-errors.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import { createScratchDatabase, postgresAdminUrl, type ScratchDatabase } from './support/scratch-postgres.js';

/** A TCP relay whose open connections can go silent: bytes stop flowing both ways, nothing is closed. */
async function freezableRelay(target: URL): Promise<{ port: number; freeze(): void; close(): Promise<void> }> {
  const pairs = new Set<{ client: Socket; upstream: Socket; frozen: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    const pair = { client, upstream, frozen: false };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (!pair.frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.frozen) client.write(chunk);
    });
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('error', () => undefined);
      a.on('close', () => {
        b.destroy();
        pairs.delete(pair);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    // Connections opened afterwards relay normally: only the ones open now are half-open.
    freeze() {
      for (const pair of pairs) pair.frozen = true;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const adminUrl = postgresAdminUrl();

describe.runIf(adminUrl !== undefined)('the PostgreSQL driver under network faults', () => {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = await createScratchDatabase(adminUrl!);
  }, 60_000);
  afterAll(async () => {
    await scratch?.drop();
  }, 60_000);

  it('a query on a half-open connection ends at its deadline as "unavailable", and the connection is not reused', async () => {
    const target = new URL(scratch!.url);
    const relay = await freezableRelay(target);
    const viaRelay = new URL(scratch!.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    // Deadline = statement timeout + margin; a short statement timeout keeps the test quick.
    const db = openPostgres({ connectionString: viaRelay.toString(), maxConnections: 1, statementTimeoutMs: 200, connectTimeoutMs: 2_000 });
    try {
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      relay.freeze();
      const stuck = await db.query('SELECT 2').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(stuck).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(stuck)).toBe(true);
      // The only pooled connection was the stuck one: the next query gets a new connection.
      expect((await db.query<{ three: number }>('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
    } finally {
      await db.close().catch(() => undefined);
      await relay.close();
    }
  }, 30_000);

  it('an idle connection killed by the server is reported to onPoolError', async () => {
    const errors: Error[] = [];
    const db = openPostgres({
      connectionString: scratch!.url,
      maxConnections: 2,
      statementTimeoutMs: 5_000,
      connectTimeoutMs: 2_000,
      onPoolError: (err) => errors.push(err),
    });
    try {
      const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = new pg.Client({ connectionString: adminUrl! });
      await admin.connect();
      try {
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      } finally {
        await admin.end();
      }
      const deadline = Date.now() + 10_000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors.length).toBeGreaterThan(0);
      expect(isDatabaseUnavailable(errors[0])).toBe(true);
      expect((await db.query<{ ok: boolean }>('SELECT true AS ok')).rows).toEqual([{ ok: true }]);
    } finally {
      await db.close();
    }
  }, 30_000);
});
