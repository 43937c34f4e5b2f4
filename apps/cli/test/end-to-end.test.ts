// The `feedback` command as a user runs it, as a child process against the real server (PGlite,
// and PostgreSQL when DATABASE_URL is set): seed, stats, aggregate, query, export → import into
// another project, purge; each checked through the API with the SDK, not through the CLI itself.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackAggregateRes, FeedbackQueryRow, FeedbackStatsRes } from '@feedback/sdk';
import { engines, KEY, startApiServer, type ApiServer } from './support/api-server.js';
import { hasScript, plain, runCli, runCliOnTerminal } from './support/run-cli.js';

const ROWS = 1500;
const ESC = '\u001b[';

async function allRows(server: ApiServer, project: string): Promise<FeedbackQueryRow[]> {
  const rows: FeedbackQueryRow[] = [];
  for await (const row of server.client.queryAll({ project_id: project, sort_by: [{ field: 'id', direction: 'asc' }] })) rows.push(row);
  return rows;
}

describe.each(engines())('feedback CLI against the server on $name', (engine) => {
  // What depends on the server runs on every engine; what only the CLI does (signals, terminals,
  // CSV, local rejections) on the first alone, to keep the suite short.
  const cliOnly = it.runIf(engine.name === 'pglite');
  const cliOnlyOnTerminal = it.runIf(engine.name === 'pglite' && hasScript);
  let server: ApiServer;
  let dir: string;
  let env: Record<string, string>;
  const project = `acme/e2e-${engine.name}`;
  const copy = `acme/copy-${engine.name}`;

  beforeAll(async () => {
    server = await startApiServer(engine);
    dir = await mkdtemp(join(tmpdir(), 'feedback-cli-'));
    env = { FEEDBACK_URL: server.url, FEEDBACK_KEY: KEY };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('seed writes realistic rows in batches, and a rerun skips every row it wrote (resumable)', async () => {
    const first = await runCli(['seed', '--project', project, '--rows', '1000', '--batch', '400'], { env });
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^seeded acme\/e2e-\w+: 1,000 rows created, 0 already present, in [\d.]+ s \([\d,]+ rows\/s\)\n$/);

    // A larger seed with the same seed number resumes: the first 1,000 rows are there already.
    const again = await runCli(['seed', '--project', project, '--rows', String(ROWS)], { env });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('500 rows created, 1,000 already present');

    const rows = await allRows(server, project);
    expect(rows).toHaveLength(ROWS);
    const types = new Set(rows.map((r) => r.feedback_type));
    for (const t of ['wandb.runnable.helpfulness', 'wandb.runnable.toxicity', 'wandb.agent_monitor', 'wandb.agent_user_feedback', 'wandb.reaction.1', 'wandb.note.1', 'eval.run']) {
      expect(types).toContain(t);
    }
    expect(rows.some((r) => typeof r['trigger_ref'] === 'string')).toBe(true);
    expect(rows.some((r) => Array.isArray(r['scorer_tags']) && (r['scorer_tags'] as unknown[]).length > 0)).toBe(true);
    expect(rows.some((r) => typeof (r.payload as { metrics?: { latency?: { p95_ms?: unknown } } } | undefined)?.metrics?.latency?.p95_ms === 'number')).toBe(true);
    // Not a terminal: no progress bar, no colour.
    expect(first.stdout + again.stdout + again.stderr).not.toContain(ESC);
  }, 120_000);

  cliOnly('seed stops after the batch in flight on Ctrl-C, exits 130, and says how to resume', async () => {
    const target = `acme/interrupted-${engine.name}`;
    // Small batches, and the signal as soon as the API shows the first batch.
    const firstBatch = async () => {
      while ((await server.client.query({ project_id: target, fields: ['id'], limit: 1 })).result.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    const res = await runCli(['seed', '--project', target, '--rows', '1000', '--batch', '100'], { env, interruptWhen: firstBatch });
    expect(res.code).toBe(130);
    expect(res.stderr).toContain('stopping after the batch in flight');
    expect(res.stderr).toMatch(/interrupted: [\d,]+ of 1,000 rows/);
    expect(res.stderr).toContain(`resume with the same command: feedback seed --project ${target} --rows 1000 --seed 1`);
    const written = (await allRows(server, target)).length;
    // Whole batches only: the interrupted run never leaves half a batch behind.
    expect(written % 100).toBe(0);
    expect(written).toBeLessThan(1000);
    const resumed = await runCli(['seed', '--project', target, '--rows', '1000', '--batch', '100'], { env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`${(1000 - written).toLocaleString('en-US')} rows created, ${written.toLocaleString('en-US')} already present`);
    expect(await allRows(server, target)).toHaveLength(1000);
  }, 120_000);

  it('stats prints local-time buckets with bars and sparklines; --json is the API answer', async () => {
    const args = ['stats', '-p', project, '--since', '2h', '-g', '1h', '--tz', 'America/New_York', '-m', 'output.score', '--percentiles', '50,95'];
    const json = await runCli([...args, '--json'], { env });
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as FeedbackStatsRes;
    expect(answer.timezone).toBe('America/New_York');
    expect((answer.buckets ?? []).reduce((n, b) => n + b.count, 0)).toBe(ROWS);
    expect(answer.window_stats?.['output_score']).toHaveProperty('p95');

    const table = await runCli(args, { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('time (America/New_York)');
    expect(table.stdout).toMatch(/(EST|EDT)/);
    expect(table.stdout).toContain('p95_output_score');
    expect(table.stdout).toContain(`window  ${ROWS.toLocaleString('en-US')} rows`);
    expect(table.stdout).toMatch(/trend\n {2}rows +[▁▂▃▄▅▆▇█ ]+\n/);
    expect(table.stdout).toContain('█');
    expect(table.stdout).not.toContain(ESC);
  }, 60_000);

  it('aggregate groups by scorer with average ratings and tag counts; --json is the API answer', async () => {
    const json = await runCli(['aggregate', '-p', project, '--since', '2h', '-G', 'scorer_id', '--json'], { env });
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as FeedbackAggregateRes;
    expect((answer.buckets ?? []).reduce((n, b) => n + b.total_count, 0)).toBe(ROWS);
    const table = await runCli(['aggregate', '-p', project, '--since', '2h', '-G', 'scorer_id'], { env });
    expect(table.code).toBe(0);
    for (const scorer of ['helpfulness', 'toxicity', 'latency_guard']) expect(table.stdout).toContain(scorer);
    expect(table.stdout).toContain('avg _rating_');
    expect(table.stdout).toMatch(/helpful [\d,]+/);
    expect(table.stdout).toContain('per group');
  }, 60_000);

  it('query maps --type, --where and --fields onto the query expression, and follows the cursor with --all', async () => {
    const low = await runCli(['query', '-p', project, '-w', 'payload.output.score<0.3', '-f', 'id,payload.output.score', '--all', '--jsonl'], { env });
    expect(low.code).toBe(0);
    const got = low.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = (await allRows(server, project)).filter((r) => {
      const score = (r.payload as { output?: { score?: unknown } } | undefined)?.output?.score;
      return typeof score === 'number' && score < 0.3;
    });
    expect(got.length).toBeGreaterThan(0);
    expect(got.map((r) => r['id']).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const r of got) expect(Object.keys(r)).toEqual(['id', 'payload.output.score']);

    const notes = await runCli(['query', '-p', project, '-t', 'wandb.note.1', '--limit', '3', '--json'], { env });
    const noteRows = JSON.parse(notes.stdout) as FeedbackQueryRow[];
    expect(noteRows).toHaveLength(3);
    for (const r of noteRows) expect(r.feedback_type).toBe('wandb.note.1');
    expect(notes.stderr).toContain('first 3 rows');

    const table = await runCli(['query', '-p', project, '-w', 'payload.note~refund', '-f', 'feedback_type,payload.note'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^feedback_type +payload\.note\n─+\nwandb\.note\.1 +Cited the old refund policy\n/);
  }, 60_000);

  it('export → import into another project gives identical rows; a second import finds only duplicates', async () => {
    const file = join(dir, 'export.jsonl');
    const exported = await runCli(['export', '-p', project, '-o', file], { env });
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toContain(`exported ${ROWS.toLocaleString('en-US')} rows of ${project} to ${file}`);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(ROWS);

    const imported = await runCli(['import', file, '--project', copy], { env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(`${ROWS.toLocaleString('en-US')} inserted, 0 duplicates, 0 rejected\n`);

    const strip = ({ project_id: _p, created_at: _c, ...rest }: FeedbackQueryRow) => rest;
    const [source, target] = await Promise.all([allRows(server, project), allRows(server, copy)]);
    expect(target.map(strip)).toEqual(source.map(strip));

    const again = await runCli(['import', file, '--project', copy, '--json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ inserted: 0, duplicates: ROWS, rejected: 0, rejections: [] });
    expect(await allRows(server, copy)).toHaveLength(ROWS);
  }, 120_000);

  cliOnly('export --format csv streams a header and one record per row', async () => {
    const res = await runCli(['export', '-p', project, '--format', 'csv', '-t', 'wandb.runnable.helpfulness'], { env });
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^id,project_id,weave_ref,wb_user_id,creator,created_at,feedback_type,payload,/);
    const helpful = (await allRows(server, project)).filter((r) => r.feedback_type === 'wandb.runnable.helpfulness');
    expect(lines).toHaveLength(helpful.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(helpful.map((r) => r.id).sort());
    expect(lines[1]).toContain('"{""output"":{');
  }, 60_000);

  cliOnly('import reports rejected lines with their numbers and the reason, and exits 1', async () => {
    const file = join(dir, 'mixed.jsonl');
    const good = { id: 'import-good-1', weave_ref: 'weave:///acme/x/call/1', feedback_type: 'custom', payload: { a: 1 } };
    const badNote = { id: 'import-bad-note', weave_ref: 'weave:///acme/x/call/2', feedback_type: 'wandb.note.1', payload: { note: '' } };
    const badSchema = { id: 'import-bad-schema', weave_ref: 'weave:///acme/x/call/3', feedback_type: 'custom', payload: 'not an object' };
    await writeFile(file, [JSON.stringify(good), 'this is not json', JSON.stringify(badNote), '', JSON.stringify(badSchema)].join('\n'));
    const res = await runCli(['import', file, '-p', `acme/mixed-${engine.name}`], { env });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('1 inserted, 0 duplicates, 3 rejected\n');
    expect(res.stderr).toMatch(/line 2: not JSON/);
    expect(res.stderr).toMatch(/line 3: 400: .*note/);
    expect(res.stderr).toMatch(/line 5: 422: payload/);
    expect((await allRows(server, `acme/mixed-${engine.name}`)).map((r) => r.id)).toEqual(['import-good-1']);
  }, 60_000);

  it('purge refuses without --yes when stdin is not a terminal, and deletes with it', async () => {
    const before = await allRows(server, copy);
    const notes = before.filter((r) => r.feedback_type === 'wandb.note.1').length;
    expect(notes).toBeGreaterThan(0);
    const refused = await runCli(['purge', '-p', copy, '--type', 'wandb.note.1'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('without --yes');
    expect(await allRows(server, copy)).toHaveLength(before.length);

    const done = await runCli(['purge', '-p', copy, '--type', 'wandb.note.1', '--yes', '--json'], { env });
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ num_deleted: notes });
    const after = await allRows(server, copy);
    expect(after).toHaveLength(before.length - notes);
    expect(after.some((r) => r.feedback_type === 'wandb.note.1')).toBe(false);
  }, 60_000);

  cliOnlyOnTerminal('purge on a terminal asks first: "no" deletes nothing (exit 1), nor does Ctrl-C (exit 130); "yes" deletes', async () => {
    const count = (await allRows(server, copy)).filter((r) => r.feedback_type === 'wandb.reaction.1').length;
    expect(count).toBeGreaterThan(0);
    const declined = await runCliOnTerminal(['purge', '-p', copy, '--type', 'wandb.reaction.1'], { env, input: 'no\r' });
    expect(declined.code).toBe(1);
    expect(plain(declined.stdout)).toContain(`Permanently delete the rows of ${copy} of type wandb.reaction.1?`);
    expect(plain(declined.stdout)).toContain('nothing deleted');
    expect((await allRows(server, copy)).filter((r) => r.feedback_type === 'wandb.reaction.1')).toHaveLength(count);

    const interrupted = await runCliOnTerminal(['purge', '-p', copy, '--type', 'wandb.reaction.1'], { env, input: '\u0003' });
    expect(interrupted.code).toBe(130);
    expect(plain(interrupted.stdout)).toContain('nothing deleted');
    expect((await allRows(server, copy)).filter((r) => r.feedback_type === 'wandb.reaction.1')).toHaveLength(count);

    const accepted = await runCliOnTerminal(['purge', '-p', copy, '--type', 'wandb.reaction.1'], { env, input: 'yes\r' });
    expect(accepted.code).toBe(0);
    expect(plain(accepted.stdout)).toContain(`deleted ${count.toLocaleString('en-US')} rows of ${copy}`);
    // A terminal gets colour.
    expect(accepted.stdout).toContain(ESC);
  }, 60_000);

  cliOnlyOnTerminal('on a terminal seed draws a progress bar with rows/s and ETA on stderr; NO_COLOR turns colour off', async () => {
    const tty = await runCliOnTerminal(['seed', '-p', `acme/tty-${engine.name}`, '--rows', '300', '--batch', '100'], { env });
    expect(tty.code).toBe(0);
    expect(plain(tty.stdout)).toMatch(/seed .*\d+% \| [\d,]+\/300 rows \| [\d,]+ rows\/s \| ETA/);
    expect(tty.stdout).toContain(`${ESC}32mseeded`);
    const noColor = await runCliOnTerminal(['aggregate', '-p', project, '--since', '2h'], { env: { ...env, NO_COLOR: '1' } });
    expect(noColor.code).toBe(0);
    expect(noColor.stdout).toContain('scored');
    expect(noColor.stdout).not.toContain(ESC);
  }, 60_000);

  it('an API error is one line: status, reason and request id; exit 1', async () => {
    const res = await runCli(['stats', '-p', project], { env: { ...env, FEEDBACK_KEY: 'not-a-key-0123456789' } });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^error: 401 Unauthorized: .+ \(request id [0-9a-f-]{36}\)\n$/);
    const forbidden = await runCli(['stats', '-p', 'other/project'], { env });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(/^error: 403 Forbidden: .+ \(request id [0-9a-f-]{36}\)\n$/);
  }, 60_000);
});
