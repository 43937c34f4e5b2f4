// `feedback-server rollups verify | rebuild | backfill` as real processes over fresh storage: rows
// imported with FEEDBACK_ROLLUPS=off wait for the backfill (verify says so, and finds no
// difference), the backfill rolls them up, a corrupted roll-up makes verify exit 1 naming it, and
// rebuild repairs it. Bad arguments exit 2. The steps share one storage and run in order.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { createCliStorage, type CliStorage } from './support/cli-storage.js';
import { testEngines } from './support/engines.js';

const PROJECT = 'acme/cli-rollups';

function lines(n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      project_id: PROJECT,
      weave_ref: `weave:///${PROJECT}/call/c${i}`,
      feedback_type: 'wandb.runnable.judge',
      runnable_ref: `weave:///${PROJECT}/object/judge:v1`,
      payload: { output: { score: i / n, pass: i % 2 === 0 } },
      scorer_ratings: { _rating_: (i % 4) / 4 },
      created_at: new Date(Date.parse('2024-06-01T00:00:00Z') + i * 450_000).toISOString(),
      wb_user_id: 'alice',
    }),
  ).join('\n');
}

describe.each(testEngines())('rollups commands on $name', (engine) => {
  let storage: CliStorage;
  let file: string;

  beforeAll(async () => {
    storage = await createCliStorage(engine);
    file = join(tmpdir(), `rollups-cli-${engine.name}-${process.pid}.jsonl`);
    await writeFile(file, lines(40));
  }, 60_000);
  afterAll(async () => {
    await storage.dispose();
  });

  it('rows imported without roll-ups wait for the backfill; verify finds no difference', async () => {
    const imported = await runCli(['import', file], { ...storage.env, FEEDBACK_ROLLUPS: 'off' });
    expect(imported.code).toBe(0);
    const verified = await runCli(['rollups', 'verify', '--project', PROJECT], storage.env);
    expect(verified.stdout).toContain('40 row(s) of acme/cli-rollups wait for the backfill');
    expect(verified.stdout).toContain('no differences');
    expect(verified.code).toBe(0);
    const backfilled = await runCli(['rollups', 'backfill'], storage.env);
    expect(backfilled.stdout).toContain('backfill done: 40 row(s) rolled up');
    const again = await runCli(['rollups', 'verify', '--project', PROJECT], storage.env);
    expect([again.code, again.stdout]).toEqual([0, 'acme/cli-rollups: no differences\n']);
  }, 240_000);

  it('verify exits 1 naming a wrong roll-up; rebuild repairs it', async () => {
    const db = await storage.open();
    try {
      // One row that counts toward the day: a fresh one until the compactor spread it, else the day's.
      await db.query(
        `UPDATE feedback_stats_rollup SET row_count = row_count + 2
         WHERE ctid = (SELECT ctid FROM feedback_stats_rollup WHERE project_id = $1 AND level IN (0, 86400) AND feedback_type = 'wandb.runnable.judge' LIMIT 1)`,
        [PROJECT],
      );
    } finally {
      await db.close();
    }
    const wrong = await runCli(['rollups', 'verify', '--project', PROJECT], storage.env);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/feedback_stats_rollup \[86400,"2024-06-01T00:00:00Z","wandb\.runnable\.judge"\]: from raw \[40\], in the roll-ups \[42\]/);
    const rebuilt = await runCli(['rollups', 'rebuild', '--project', PROJECT], storage.env);
    expect(rebuilt.code).toBe(0);
    const fixed = await runCli(['rollups', 'verify', '--project', PROJECT], storage.env);
    expect([fixed.code, fixed.stdout]).toEqual([0, 'acme/cli-rollups: no differences\n']);
  }, 240_000);

  it('rebuild of a project that has no roll-ups yet rolls it up once, and leaves it compacted', async () => {
    const other = file.replace('.jsonl', '-b.jsonl');
    await writeFile(other, lines(12).replaceAll(PROJECT, `${PROJECT}-b`));
    expect((await runCli(['import', other], { ...storage.env, FEEDBACK_ROLLUPS: 'off' })).code).toBe(0);
    const rebuilt = await runCli(['rollups', 'rebuild', '--project', `${PROJECT}-b`], storage.env);
    expect([rebuilt.code, rebuilt.stdout]).toEqual([0, `${PROJECT}-b: 12 row(s) rolled up and compacted (the project had no roll-ups yet)\n`]);
    const db = await storage.open();
    try {
      const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_stats_rollup WHERE project_id = $1 AND NOT compacted', [`${PROJECT}-b`]);
      expect(left.rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
    const verified = await runCli(['rollups', 'verify', '--project', `${PROJECT}-b`], storage.env);
    expect([verified.code, verified.stdout]).toEqual([0, `${PROJECT}-b: no differences\n`]);
  }, 240_000);

  it('bad arguments exit 2 with the usage', async () => {
    const missing = await runCli(['rollups', 'verify'], storage.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--project is required');
    const unknown = await runCli(['rollups', 'frobnicate'], storage.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: feedback-server rollups verify --project P');
  }, 60_000);
});
