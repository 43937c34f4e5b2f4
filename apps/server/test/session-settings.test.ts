// The read tuning (JIT off, work_mem, parallel costs) is applied when a connection opens, not per
// request: every connection the server's pool hands out must already carry it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_SETTINGS } from '../src/storage/session-settings.js';
import { testEngines, type TestDatabase } from './support/engines.js';

describe.each(testEngines())('session settings on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('every pooled connection runs with the server settings', async () => {
    const names = Object.keys(SESSION_SETTINGS);
    // Concurrent queries make the PostgreSQL pool open several connections.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.db.query<{ name: string; setting: string }>(
          `SELECT name, current_setting(name) AS setting, pg_sleep(0.05) IS NULL AS slept FROM unnest($1::text[]) AS s(name)`,
          [names],
        ),
      ),
    );
    for (const { rows } of answers) {
      const got = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
      expect(got).toEqual(SESSION_SETTINGS);
    }
  });

  it('a transaction sees them too (writes and migrations share the pool)', async () => {
    const setting = await t.db.transaction(async (tx) => (await tx.query<{ w: string }>(`SELECT current_setting('work_mem') AS w`)).rows[0]?.w);
    expect(setting).toBe(SESSION_SETTINGS['work_mem']);
  });
});
