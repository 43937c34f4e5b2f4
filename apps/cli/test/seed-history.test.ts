// `feedback seed --days` as a user runs it, against the real server (PGlite, and PostgreSQL when
// DATABASE_URL is set): rows spread over past days through batch create with created_at, a DST
// change visible in `feedback stats --tz America/New_York`, a resumable rerun, and the one-line
// error of a key without the `backfill` scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackQueryRow, FeedbackStatsRes } from '@feedback/sdk';
import { BACKFILL_KEY, engines, KEY, startApiServer, type ApiServer } from './support/api-server.js';
import { runCli } from './support/run-cli.js';

const NY = 'America/New_York';
const ROWS = 700;
// Seven New York days ending in the week after the spring-forward day (2024-03-10).
const SEED = ['--rows', String(ROWS), '--days', '7', '--tz', NY, '--end', '2024-03-14T00:00:00-04:00', '--batch', '300'];

async function allRows(server: ApiServer, project: string): Promise<FeedbackQueryRow[]> {
  const rows: FeedbackQueryRow[] = [];
  const query = { project_id: project, fields: ['id', 'created_at'], sort_by: [{ field: 'created_at', direction: 'asc' as const }] };
  for await (const row of server.client.queryAll(query)) rows.push(row);
  return rows;
}

describe.each(engines())('feedback seed --days against the server on $name', (engine) => {
  let server: ApiServer;
  let url: string;
  const project = `acme/history-${engine.name}`;

  beforeAll(async () => {
    server = await startApiServer(engine);
    url = server.url;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  }, 60_000);

  it('spreads the rows over the days, across the DST change, and a rerun writes none', async () => {
    const env = { FEEDBACK_URL: url, FEEDBACK_KEY: BACKFILL_KEY };
    const res = await runCli(['seed', '-p', project, ...SEED], { env });
    expect(res.stderr).toContain(`DST change in ${NY}: 2024-03-10T07:00:00.000Z (UTC-05:00 → UTC-04:00)`);
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toMatch(/^seeded acme\/history-\w+: 700 rows created, 0 already present/);

    const rows = await allRows(server, project);
    expect(rows).toHaveLength(ROWS);
    const first = Date.parse(String(rows[0]?.created_at));
    const last = Date.parse(String(rows.at(-1)?.created_at));
    expect(first).toBeGreaterThanOrEqual(Date.parse('2024-03-07T00:00:00-05:00'));
    expect(last).toBeLessThan(Date.parse('2024-03-14T00:00:00-04:00'));

    // Seven New York days, one of 23 hours; every day has rows and they add up.
    const stats = await runCli(['stats', '-p', project, '--tz', NY, '-g', '1d', '--from', '2024-03-07', '--to', '2024-03-14', '--json'], { env });
    expect(stats.code).toBe(0);
    const answer = JSON.parse(stats.stdout) as FeedbackStatsRes;
    const buckets = answer.buckets ?? [];
    expect(buckets.map((b) => b.timestamp)).toEqual([
      '2024-03-07T00:00:00-05:00',
      '2024-03-08T00:00:00-05:00',
      '2024-03-09T00:00:00-05:00',
      '2024-03-10T00:00:00-05:00',
      '2024-03-11T00:00:00-04:00',
      '2024-03-12T00:00:00-04:00',
      '2024-03-13T00:00:00-04:00',
    ]);
    expect(buckets.every((b) => b.count > 0)).toBe(true);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(ROWS);

    const again = await runCli(['seed', '-p', project, ...SEED], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 rows created, 700 already present');
  }, 180_000);

  it('a key without the backfill scope gets one line saying so, and --days 0 still works with it', async () => {
    const env = { FEEDBACK_URL: url, FEEDBACK_KEY: KEY };
    const target = `acme/no-backfill-${engine.name}`;
    const res = await runCli(['seed', '-p', target, ...SEED], { env });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^error: 403 Forbidden: this key lacks the "backfill" scope that --days needs .*--days 0 and an ingest key/);
    expect(await allRows(server, target)).toHaveLength(0);
    const now = await runCli(['seed', '-p', target, '--rows', '50', '--days', '0'], { env });
    expect(now).toMatchObject({ code: 0 });
    expect(await allRows(server, target)).toHaveLength(50);
  }, 120_000);
});
