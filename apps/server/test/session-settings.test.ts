// The read tuning (JIT off, work_mem, parallel costs) is applied when a connection opens, not per
// request: every connection the server's pool hands out must already carry it.
import { describe, expect, it } from 'vitest';
import { SESSION_SETTINGS } from '../src/storage/session-settings.js';
import { openPostgres } from '../src/storage/pg-driver.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { createScratchDatabase, postgresAdminUrl } from './support/scratch-postgres.js';

describe.each(testEngines())('session settings on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('every pooled connection runs with the server settings', async () => {
    const names = Object.keys(SESSION_SETTINGS);
    // Concurrent queries make the PostgreSQL pool open several connections.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        database().db.query<{ name: string; setting: string }>(
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
    const setting = await database().db.transaction(async (tx) => (await tx.query<{ w: string }>(`SELECT current_setting('work_mem') AS w`)).rows[0]?.w);
    expect(setting).toBe(SESSION_SETTINGS['work_mem']);
  });
});

describe.runIf(postgresAdminUrl() !== undefined)('session settings with a DATABASE_URL that carries its own options', () => {
  it("applies the server's settings and the URL's, the URL's winning where both set one", async () => {
    const scratch = await createScratchDatabase(postgresAdminUrl() as string);
    const url = new URL(scratch.url);
    url.searchParams.set('options', '-c work_mem=128MB -c application_name=ops-tool');
    const db = openPostgres({ connectionString: url.toString(), maxConnections: 1, statementTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
    try {
      const { rows } = await db.query<{ jit: string; work_mem: string; app: string; tuple_cost: string }>(
        `SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem,
                current_setting('application_name') AS app, current_setting('parallel_tuple_cost') AS tuple_cost`,
      );
      expect(rows[0]).toEqual({ jit: 'off', work_mem: '128MB', app: 'ops-tool', tuple_cost: SESSION_SETTINGS['parallel_tuple_cost'] });
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 60_000);
});
