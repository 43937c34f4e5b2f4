// The JSONL importer: each line a /feedback/create body plus created_at and wb_user_id, checked
// by the endpoint's rules, loaded all or nothing, streamed in bounded memory; a line whose id is
// stored with the same content is a skipped duplicate, with other content a rejected line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, importLines, REPORTED_REJECTIONS, type ImportOptions } from '../src/import/import-jsonl.js';
import type { Db } from '../src/storage/db.js';
import { customBody, noteBody, reactionBody, runnableBody } from './support/create-bodies.js';
import { runCli } from './support/cli-process.js';
import { createCliStorage } from './support/cli-storage.js';
import { testEngines, type TestDatabase } from './support/engines.js';
import { feedbackCount } from './support/expect-refused.js';
import { openForceDisposable, within } from './support/force-disposable-database.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** V8's collector, to measure what is still held rather than what is not yet collected. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function line(body: object, createdAt: string, userId: string): string {
  return JSON.stringify({ ...body, created_at: createdAt, wb_user_id: userId });
}

describe.each(testEngines())('import on $name', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let dir: string;
  let fileNo = 0;
  const writeJsonl = async (lines: string[], eol = '\n') => {
    const file = join(dir, `import-${++fileNo}.jsonl`);
    await writeFile(file, lines.join(eol) + eol, 'utf8');
    return file;
  };
  // An import that never settles fails its test in seconds instead of hanging the suite.
  const runImport = (file: string, ms = 4_000, options?: ImportOptions) => within(ms, 'importFile', importFile(db, file, options));
  const row = async (projectId: string, id: string) =>
    (
      await db.query<Record<string, unknown>>(
        `SELECT id, wb_user_id, (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms, payload, scorer_id, scorer_tags, rating
           FROM feedback WHERE project_id = $1 AND id = $2`,
        [projectId, id],
      )
    ).rows[0];

  beforeAll(async () => {
    database = await openForceDisposable(engine);
    db = database.db;
    dir = await mkdtemp(join(tmpdir(), 'feedback-import-'));
  }, 60_000);
  afterAll(async () => {
    await database.dispose();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('loads valid rows with their own created_at and wb_user_id', async () => {
    const file = await writeJsonl([
      line(runnableBody({ project_id: 'acme/import', id: 'imp-1', scorer_tags: ['good'], scorer_ratings: { _rating_: 0.75 } }), '2024-05-01T10:00:00.123+02:00', 'carol'),
      line(noteBody('hello', { project_id: 'acme/import', id: 'imp-2' }), '2023-12-31T23:59:59.999Z', 'dave'),
      line(reactionBody('👍🏽', { project_id: 'acme/import', id: 'imp-3' }), '2024-01-01T00:00:00Z', 'erin'),
    ]);
    const result = await runImport(file);
    expect(result).toMatchObject({ inserted: 3, duplicates: 0, rejected: 0, committed: true, lines: 3, errors: [] });
    expect(await row('acme/import', 'imp-1')).toEqual({
      id: 'imp-1',
      wb_user_id: 'carol',
      created_at_ms: Date.parse('2024-05-01T08:00:00.123Z'),
      payload: { output: { score: 0.5 } },
      scorer_id: 'helpfulness',
      scorer_tags: ['good'],
      rating: 0.75,
    });
    expect(await row('acme/import', 'imp-2')).toMatchObject({ wb_user_id: 'dave', created_at_ms: Date.parse('2023-12-31T23:59:59.999Z') });
    // The same rules as the endpoint: reactions get their aliases.
    expect(await row('acme/import', 'imp-3')).toMatchObject({
      wb_user_id: 'erin',
      payload: { emoji: '👍🏽', alias: ':thumbs_up_medium_skin_tone:', detoned: '👍', detoned_alias: ':thumbs_up:' },
    });
  });

  it('generates a UUIDv7 from created_at for rows without id, skips blank lines, accepts CRLF', async () => {
    const file = await writeJsonl(['', line(customBody({ project_id: 'acme/noid' }), '2024-02-03T04:05:06.789Z', 'frank'), '   ', ''], '\r\n');
    expect(await runImport(file)).toMatchObject({ inserted: 1, duplicates: 0, errors: [] });
    const rows = await db.query<{ id: string; wb_user_id: string }>("SELECT id, wb_user_id FROM feedback WHERE project_id = 'acme/noid'");
    expect(rows.rows).toEqual([{ id: expect.stringMatching(UUID_V7), wb_user_id: 'frank' }]);
    const id = rows.rows[0]?.id ?? '';
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2024-02-03T04:05:06.789Z'));
  });

  it('imports nothing when a line is bad, and reports every bad line by number', async () => {
    const before = await feedbackCount(db);
    const good = (id: string) => line(customBody({ project_id: 'acme/bad', id }), '2024-01-01T00:00:00Z', 'u');
    const file = await writeJsonl([
      good('ok-1'),
      good('ok-2'),
      '{"project_id": "acme/bad", ',
      good('ok-3'),
      '',
      line(runnableBody({ project_id: 'acme/bad', runnable_ref: undefined }), '2024-01-01T00:00:00Z', 'u'),
      line({ ...customBody({ project_id: 'acme/bad' }), surprise: 1 }, '2024-01-01T00:00:00Z', 'u'),
      line(customBody({ project_id: 'acme/bad' }), '2024-01-01T00:00:00', 'u'),
      line(customBody({ project_id: 'acme/bad' }), '2024-01-01T00:00:00Z', ''),
      '[1, 2, 3]',
      line(customBody({ project_id: 'not-a-project' }), '2024-01-01T00:00:00Z', 'u'),
    ]);
    const result = await runImport(file);
    expect(result).toMatchObject({ inserted: 0, duplicates: 0, rejected: 7, committed: false });
    expect(result.errors.map((e) => e.line)).toEqual([3, 6, 7, 8, 9, 10, 11]);
    const reasons = Object.fromEntries(result.errors.map((e) => [e.line, e.reason]));
    expect(reasons[6]).toContain('runnable_ref');
    expect(reasons[7]).toContain('surprise');
    expect(reasons[8]).toContain('created_at');
    expect(reasons[9]).toContain('wb_user_id');
    expect(reasons[11]).toContain('project_id');
    expect(await feedbackCount(db)).toBe(before);
  });

  it('rolls back rows of earlier batches when a late line is bad (all or nothing)', async () => {
    const before = await feedbackCount(db);
    const lines = Array.from({ length: 12_000 }, (_, i) => line(customBody({ project_id: 'acme/bulk', id: `bulk-${i}` }), '2024-01-01T00:00:00Z', 'u'));
    lines[11_000] = '{not json';
    const result = await runImport(await writeJsonl(lines), 20_000);
    expect(result).toMatchObject({ inserted: 0, committed: false, rejected: 1, errors: [{ line: 11_001, reason: expect.any(String) }] });
    expect(await feedbackCount(db)).toBe(before);
  }, 30_000);

  it('skips a line whose id is stored with the same content, in the table or earlier in the file', async () => {
    const first = await writeJsonl([line(noteBody('original', { project_id: 'acme/dup', id: 'dup-1' }), '2024-01-01T00:00:00Z', 'first')]);
    expect(await runImport(first)).toMatchObject({ inserted: 1, duplicates: 0, errors: [] });

    const second = await writeJsonl([
      // The same content (created_at is the server's, not content, as for /feedback/create retries).
      line(noteBody('original', { project_id: 'acme/dup', id: 'dup-1' }), '2024-03-01T00:00:00Z', 'first'),
      line(noteBody('new', { project_id: 'acme/dup', id: 'dup-2' }), '2024-03-01T00:00:00Z', 'second'),
      line(noteBody('new', { project_id: 'acme/dup', id: 'dup-2' }), '2024-03-02T00:00:00Z', 'second'),
      // The same id in another project is another row.
      line(noteBody('elsewhere', { project_id: 'acme/dup-other', id: 'dup-1' }), '2024-03-01T00:00:00Z', 'second'),
    ]);
    expect(await runImport(second)).toMatchObject({ inserted: 2, duplicates: 2, rejected: 0, committed: true, errors: [] });
    expect(await row('acme/dup', 'dup-1')).toMatchObject({ wb_user_id: 'first', payload: { note: 'original' }, created_at_ms: Date.parse('2024-01-01T00:00:00Z') });
    expect(await row('acme/dup', 'dup-2')).toMatchObject({ payload: { note: 'new' }, created_at_ms: Date.parse('2024-03-01T00:00:00Z') });
    expect(await row('acme/dup-other', 'dup-1')).toMatchObject({ payload: { note: 'elsewhere' } });
    const count = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE project_id LIKE 'acme/dup%'");
    expect(count.rows[0]?.n).toBe(3);
  });

  it('rejects a line whose id is taken by other content, stored or earlier in the file, and overwrites nothing', async () => {
    const before = await feedbackCount(db);
    const file = await writeJsonl([
      line(noteBody('fresh', { project_id: 'acme/clash', id: 'c-1' }), '2024-01-01T00:00:00Z', 'u'),
      line(noteBody('changed', { project_id: 'acme/dup', id: 'dup-1' }), '2024-01-01T00:00:00Z', 'first'),
      line(noteBody('fresh', { project_id: 'acme/clash', id: 'c-1' }), '2024-01-01T00:00:00Z', 'someone else'),
    ]);
    const result = await runImport(file);
    expect(result).toMatchObject({ inserted: 0, committed: false, rejected: 2 });
    expect(result.errors).toEqual([
      { line: 2, reason: expect.stringMatching(/dup-1.*acme\/dup.*different content/) },
      { line: 3, reason: expect.stringMatching(/c-1.*line 1.*different content/) },
    ]);
    expect(await row('acme/dup', 'dup-1')).toMatchObject({ payload: { note: 'original' } });
    expect(await feedbackCount(db)).toBe(before);
  });

  it('gives lines without an id an id from their text: importing the file again stores nothing twice', async () => {
    const lines = [
      line(customBody({ project_id: 'acme/again', payload: { n: 1 } }), '2024-04-01T00:00:00Z', 'u'),
      line(customBody({ project_id: 'acme/again', payload: { n: 2 } }), '2024-04-01T00:00:00Z', 'u'),
      line(customBody({ project_id: 'acme/again', payload: { n: 1 } }), '2024-04-01T00:00:01Z', 'u'),
    ];
    expect(await runImport(await writeJsonl(lines))).toMatchObject({ inserted: 3, duplicates: 0, errors: [] });
    expect(await runImport(await writeJsonl(lines))).toMatchObject({ inserted: 0, duplicates: 3, committed: true, errors: [] });
    const ids = await db.query<{ id: string }>("SELECT id FROM feedback WHERE project_id = 'acme/again'");
    expect(ids.rows.map((r) => r.id)).toEqual(ids.rows.map(() => expect.stringMatching(UUID_V7)));
    expect(ids.rows).toHaveLength(3);
  });

  it(`counts every rejected line but reports the first ${REPORTED_REJECTIONS}, each reason bounded`, async () => {
    const huge = JSON.stringify({ project_id: 'acme/x', created_at: 'not a date'.repeat(5_000) });
    const lines = Array.from({ length: REPORTED_REJECTIONS + 50 }, (_, i) => (i === 0 ? huge : `{"bad": ${i}`));
    const result = await runImport(await writeJsonl(lines));
    expect(result).toMatchObject({ committed: false, rejected: REPORTED_REJECTIONS + 50, lines: REPORTED_REJECTIONS + 50 });
    expect(result.errors).toHaveLength(REPORTED_REJECTIONS);
    expect(result.errors.map((e) => e.line)).toEqual(Array.from({ length: REPORTED_REJECTIONS }, (_, i) => i + 1));
    expect(Math.max(...result.errors.map((e) => e.reason.length))).toBeLessThanOrEqual(301);
  });

  it('rejects an over-long line without buffering it, and a line that is not UTF-8, keeping line numbers right', async () => {
    const file = join(dir, `import-${++fileNo}.jsonl`);
    const good = line(customBody({ project_id: 'acme/raw' }), '2024-01-01T00:00:00Z', 'u');
    const long = line(customBody({ project_id: 'acme/raw', payload: { text: 'y'.repeat(5_000) } }), '2024-01-01T00:00:00Z', 'u');
    await writeFile(file, Buffer.concat([Buffer.from(`${good}\n${long}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(`${good}\n`)]));
    const result = await runImport(file, 4_000, { maxLineBytes: 4_096 });
    expect(result).toMatchObject({ committed: false, rejected: 2, lines: 4 });
    expect(result.errors).toEqual([
      { line: 2, reason: 'the line is longer than 4096 bytes' },
      { line: 3, reason: 'the line is not valid UTF-8' },
    ]);
  });

  it('reads the input as it writes: never more than one batch ahead', async () => {
    const total = 3_000;
    const batchRows = 500;
    let produced = 0;
    let read = 0;
    let maxLead = 0;
    async function* source(): AsyncGenerator<string> {
      for (let i = 0; i < total; i++) {
        produced++;
        maxLead = Math.max(maxLead, produced - read);
        yield `${line(customBody({ project_id: 'acme/lazy', id: `lazy-${i}` }), '2024-01-01T00:00:00Z', 'u')}\n`;
      }
    }
    const result = await within(20_000, 'importLines', importLines(db, source(), { batchRows, onProgress: (p) => (read = p.lines) }));
    expect(result).toMatchObject({ inserted: total, committed: true, lines: total });
    expect(maxLead).toBeLessThanOrEqual(batchRows + 1);
    const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE project_id = 'acme/lazy'");
    expect(stored.rows[0]?.n).toBe(total);
  }, 30_000);

  it('holds one batch in memory, not the file, also after a rejected line', async () => {
    // 40,000 lines of ~2 kB: the old importer kept every line after a bad one (80+ MB).
    const total = 40_000;
    const text = 'z'.repeat(2_000);
    const gc = collectGarbage();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapAtEnd = 0;
    async function* source(): AsyncGenerator<string> {
      yield '{"a first line": "that is not a row"}\n';
      for (let i = 0; i < total; i++) yield `${line(customBody({ project_id: 'acme/heap', id: `heap-${i}`, payload: { text } }), '2024-01-01T00:00:00Z', 'u')}\n`;
      gc();
      heapAtEnd = process.memoryUsage().heapUsed;
    }
    const result = await within(60_000, 'importLines', importLines(db, source(), { batchRows: 1_000 }));
    expect(result).toMatchObject({ committed: false, rejected: 1, lines: total + 1 });
    expect(heapAtEnd).toBeGreaterThan(0);
    expect((heapAtEnd - heapBefore) / 1024 / 1024).toBeLessThan(20);
  }, 90_000);
});

// The command's arguments, output and exit codes do not depend on the engine: one is enough
// (PostgreSQL when configured: a PGlite process start costs seconds more).
describe.each(testEngines().slice(-1))('feedback-server import on $name', (engine) => {
  it('prints what it imported and skipped, exits 0; lists rejected lines and exits 1 when any is bad', async () => {
    const storage = await createCliStorage(engine);
    const dir = await mkdtemp(join(tmpdir(), 'feedback-import-cli-'));
    try {
      const good = join(dir, 'good.jsonl');
      const rows = [line(customBody({ project_id: 'acme/cli', id: 'cli-1' }), '2024-01-01T00:00:00Z', 'u'), line(customBody({ project_id: 'acme/cli' }), '2024-01-01T00:00:00Z', 'u')];
      await writeFile(good, `${rows.join('\n')}\n${rows[0] ?? ''}\n`);
      const first = await runCli(['import', good], storage.env);
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toMatch(/^imported 2 rows in .*; 1 duplicate\(s\) skipped; 3 line\(s\) read\n$/);

      const bad = join(dir, 'bad.jsonl');
      await writeFile(bad, `${rows[0] ?? ''}\n{oops\n${line(customBody({ project_id: 'acme/cli', id: 'cli-1', payload: { other: 1 } }), '2024-01-01T00:00:00Z', 'u')}\n`);
      const second = await runCli(['import', bad], storage.env);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^line 2: .*\nline 3: id cli-1 in acme\/cli is on line 1 with different content\n2 of 3 line\(s\) rejected; nothing was imported/);

      expect((await runCli(['import'], storage.env)).code).toBe(2);
    } finally {
      await storage.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
