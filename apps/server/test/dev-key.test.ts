// The development key is made once however many replicas start together on an empty database.
import { describe, expect, it } from 'vitest';
import { createDevKeyIfNone } from '../src/keys/dev-key.js';
import { countKeys, listKeys } from '../src/keys/key-admin.js';
import { testEngines, useTestDatabase } from './support/engines.js';

describe.each(testEngines())('development key on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('concurrent start-ups on an empty key table create exactly one', async () => {
    const { db } = database();
    // On PostgreSQL each call runs in its own transaction on its own pooled connection, as two replicas would.
    const results = await Promise.all(Array.from({ length: 4 }, () => createDevKeyIfNone(db)));
    const made = results.filter((r) => r !== undefined);
    expect(made).toHaveLength(1);
    expect(await countKeys(db)).toBe(1);
    expect(await listKeys(db)).toEqual([expect.objectContaining({ keyId: made[0]?.keyId, userId: 'dev', projects: ['*/*'], scopes: ['ingest', 'read', 'backfill'] })]);
    // A later start finds it and makes no other.
    expect(await createDevKeyIfNone(db)).toBeUndefined();
  }, 60_000);
});
