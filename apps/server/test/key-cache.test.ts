// The key store's caches on a real database: known and unknown keys are cached apart and each
// bounded, so a flood of made-up keys neither evicts a good key nor costs a query per repeat;
// expiry is checked against the cached row on every lookup; and on PostgreSQL a revocation made
// over another connection (another process) reaches the cache at once through NOTIFY.
import { afterAll, describe, expect, it } from 'vitest';
import { insertKey, revokeKey } from '../src/keys/key-admin.js';
import { createKeyStore } from '../src/keys/key-store.js';
import type { Db } from '../src/storage/db.js';
import { migrate } from '../src/storage/migrate.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { createScratchDatabase, postgresAdminUrl } from './support/scratch-postgres.js';

/**
 * The same database, counting the key lookups that reach it. Each store is awaited `ready`: on
 * PostgreSQL it starts by forgetting everything once it listens (a gap in what it heard).
 */
function countingLookups(db: Db): { db: Db; lookups: () => number } {
  let n = 0;
  const counted: Db = {
    ...db,
    query(sql, params) {
      if (sql.includes('FROM api_keys WHERE key_hash')) n++;
      return db.query(sql, params);
    },
  };
  return { db: counted, lookups: () => n };
}

describe.each(testEngines())('key cache on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('a flood of distinct unknown keys leaves known keys cached; repeats of a recent unknown key cost no query', async () => {
    const { db } = database();
    const good = ['good-key-a-0123456789', 'good-key-b-0123456789'];
    for (const key of good) await insertKey(db, { key, userId: 'g', projects: ['acme/*'] });
    const counter = countingLookups(db);
    const store = createKeyStore(counter.db, [], { knownMax: 4, unknownMax: 50 });
    await store.ready;
    for (const key of good) expect((await store.lookup(key)).status).toBe('valid');
    expect(counter.lookups()).toBe(2);

    const flood = Array.from({ length: 500 }, (_, i) => `bad-key-${i}-0123456789`);
    for (const key of flood) expect((await store.lookup(key)).status).toBe('unknown');
    expect(counter.lookups()).toBe(2 + 500);
    // The good keys are still cached: no query.
    for (const key of good) expect((await store.lookup(key)).status).toBe('valid');
    expect(counter.lookups()).toBe(502);
    // The most recent unknown keys are remembered: no query either.
    for (const key of flood.slice(-50)) expect((await store.lookup(key)).status).toBe('unknown');
    expect(counter.lookups()).toBe(502);
    // The unknown cache is bounded: the oldest of the flood was forgotten and costs a query again.
    expect((await store.lookup(flood[0] ?? '')).status).toBe('unknown');
    expect(counter.lookups()).toBe(503);
  }, 60_000);

  it('concurrent lookups of one uncached key share one query', async () => {
    const { db } = database();
    const counter = countingLookups(db);
    const store = createKeyStore(counter.db);
    await store.ready;
    const results = await Promise.all(Array.from({ length: 20 }, () => store.lookup('same-unknown-key-0123456789')));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['unknown']));
    expect(counter.lookups()).toBe(1);
  }, 60_000);

  it('a row read before a revocation is not cached after it', async () => {
    const { db } = database();
    const key = 'racing-key-0123456789';
    const keyId = await insertKey(db, { key, userId: 'r', projects: ['acme/*'] });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    // The first key lookup answers only after the revocation below has been announced.
    const slow: Db = {
      ...db,
      async query(sql, params) {
        const res = await db.query(sql, params);
        if (!held && sql.includes('FROM api_keys WHERE key_hash')) {
          held = true;
          await gate;
        }
        return res as never;
      },
    };
    const store = createKeyStore(slow);
    await store.ready;
    const racing = store.lookup(key);
    // Revoked (and announced to the stores on this Db) while the lookup's row is on its way.
    expect(await revokeKey(slow, keyId)).toBe(true);
    release();
    expect((await racing).status).toBe('valid');
    expect((await store.lookup(key)).status).toBe('revoked');
  }, 60_000);

  it('the known-key cache is an LRU: the least recently used key is the one that costs a query again', async () => {
    const { db } = database();
    const keys = ['lru-key-1-0123456789', 'lru-key-2-0123456789', 'lru-key-3-0123456789'];
    for (const key of keys) await insertKey(db, { key, userId: 'l', projects: ['acme/*'] });
    const counter = countingLookups(db);
    const store = createKeyStore(counter.db, [], { knownMax: 2 });
    await store.ready;
    await store.lookup(keys[0] ?? '');
    await store.lookup(keys[1] ?? '');
    await store.lookup(keys[0] ?? '');
    await store.lookup(keys[2] ?? '');
    expect(counter.lookups()).toBe(3);
    await store.lookup(keys[0] ?? '');
    expect(counter.lookups()).toBe(3);
    await store.lookup(keys[1] ?? '');
    expect(counter.lookups()).toBe(4);
  }, 60_000);

  it('checks expiry on every lookup against the cached row', async () => {
    const { db } = database();
    let now = Date.parse('2030-01-01T00:00:00Z');
    const key = 'expiring-key-0123456789';
    await insertKey(db, { key, userId: 'x', projects: ['acme/*'], expiresAtMs: now + 1_000 });
    const counter = countingLookups(db);
    const store = createKeyStore(counter.db, [{ key: 'env-expiring-0123456789', user: 'e', projects: ['acme/*'], expiresAtMs: now + 1_000 }], { now: () => now });
    await store.ready;
    expect((await store.lookup(key)).status).toBe('valid');
    expect((await store.lookup('env-expiring-0123456789')).status).toBe('valid');
    now += 1_000;
    expect(await store.lookup(key)).toMatchObject({ status: 'expired', userId: 'x' });
    expect((await store.lookup('env-expiring-0123456789')).status).toBe('expired');
    expect(counter.lookups()).toBe(1);
  }, 60_000);

  it('environment keys are never looked up in the database and carry their scopes', async () => {
    const { db } = database();
    const counter = countingLookups(db);
    const store = createKeyStore(counter.db, [{ key: 'env-scoped-0123456789', user: 'w', projects: ['acme/*'], scopes: ['ingest'] }]);
    await store.ready;
    expect(await store.lookup('env-scoped-0123456789')).toMatchObject({ status: 'valid', principal: { userId: 'w', scopes: ['ingest'], keyId: expect.stringMatching(/^[0-9a-f]{12}$/) } });
    expect(counter.lookups()).toBe(0);
  }, 60_000);
});

const adminUrl = postgresAdminUrl();
describe.runIf(adminUrl !== undefined)('key cache across processes on postgres', () => {
  const opened: Db[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const db of opened) await db.close();
    await drop?.();
  }, 60_000);

  it('a key revoked over another connection is refused by a running store at once', async () => {
    const scratch = await createScratchDatabase(adminUrl ?? '');
    drop = scratch.drop;
    const open = () => {
      const db = openPostgres({ connectionString: scratch.url, maxConnections: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
      opened.push(db);
      return db;
    };
    const server = open();
    const operator = open();
    await migrate(operator);
    const key = 'cross-process-key-0123456789';
    const keyId = await insertKey(operator, { key, userId: 'c', projects: ['acme/*'] });
    // A long TTL: only the notification can make the store forget the cached row.
    const store = createKeyStore(server, [], { ttlMs: 3_600_000 });
    await store.ready;
    expect((await store.lookup(key)).status).toBe('valid');
    expect(await revokeKey(operator, keyId)).toBe(true);
    // NOTIFY is delivered after the commit, asynchronously: wait for it, boundedly.
    let status = (await store.lookup(key)).status;
    for (let i = 0; i < 100 && status === 'valid'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = (await store.lookup(key)).status;
    }
    expect(status).toBe('revoked');
  }, 60_000);

  it('after its listening connection is killed, the store forgets what it cached, listens again, and still hears revocations', async () => {
    const scratch = await createScratchDatabase(adminUrl ?? '');
    const previousDrop = drop;
    drop = async () => {
      await previousDrop?.();
      await scratch.drop();
    };
    const open = () => {
      const db = openPostgres({ connectionString: scratch.url, maxConnections: 2, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
      opened.push(db);
      return db;
    };
    const server = open();
    const operator = open();
    await migrate(operator);
    const key = 'relisten-key-0123456789';
    const keyId = await insertKey(operator, { key, userId: 'r', projects: ['acme/*'] });
    const counter = countingLookups(server);
    const store = createKeyStore(counter.db, [], { ttlMs: 3_600_000 });
    await store.ready;
    expect((await store.lookup(key)).status).toBe('valid');
    expect(counter.lookups()).toBe(1);

    const listenerPids = async () =>
      (await operator.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")).rows.map((r) => r.pid);
    const before = await listenerPids();
    expect(before).toHaveLength(1);
    await operator.query('SELECT pg_terminate_backend($1)', [before[0]]);
    // A new listening connection within the reconnect backoff (a quarter of a second at first); bounded wait.
    let after = await listenerPids();
    for (let i = 0; i < 200 && !(after.length === 1 && after[0] !== before[0]); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      after = await listenerPids();
    }
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    // The gap made it forget the cached row: the next lookup asks the database again.
    expect((await store.lookup(key)).status).toBe('valid');
    expect(counter.lookups()).toBe(2);

    expect(await revokeKey(operator, keyId)).toBe(true);
    let status = (await store.lookup(key)).status;
    for (let i = 0; i < 100 && status === 'valid'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = (await store.lookup(key)).status;
    }
    expect(status).toBe('revoked');
  }, 60_000);
});
