// The JSONL importer: each line a /feedback/create body plus created_at and wb_user_id, checked
// by the endpoint's rules, loaded all or nothing, duplicates by id skipped.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../src/import/import-jsonl.js';
import type { Db } from '../src/storage/db.js';
import { customBody, noteBody, reactionBody, runnableBody } from './support/create-bodies.js';
import { testEngines, type TestDatabase } from './support/engines.js';
import { feedbackCount } from './support/expect-refused.js';
import { openForceDisposable, within } from './support/force-disposable-database.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
  const runImport = (file: string, ms = 4_000) => within(ms, 'importFile', importFile(db, file));
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
    expect(result).toMatchObject({ rows: 3, duplicates: 0, errors: [] });
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
    expect(await runImport(file)).toMatchObject({ rows: 1, duplicates: 0, errors: [] });
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
    expect(result.rows).toBe(0);
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
    expect(result).toMatchObject({ rows: 0, errors: [{ line: 11_001, reason: expect.any(String) }] });
    expect(await feedbackCount(db)).toBe(before);
  }, 30_000);

  it('skips rows whose id exists already, in the table or earlier in the file, without overwriting', async () => {
    const first = await writeJsonl([line(noteBody('original', { project_id: 'acme/dup', id: 'dup-1' }), '2024-01-01T00:00:00Z', 'first')]);
    expect(await runImport(first)).toMatchObject({ rows: 1, duplicates: 0, errors: [] });

    const second = await writeJsonl([
      line(noteBody('changed', { project_id: 'acme/dup', id: 'dup-1' }), '2024-03-01T00:00:00Z', 'second'),
      line(noteBody('new', { project_id: 'acme/dup', id: 'dup-2' }), '2024-03-01T00:00:00Z', 'second'),
      line(noteBody('new again', { project_id: 'acme/dup', id: 'dup-2' }), '2024-03-02T00:00:00Z', 'second'),
      // The same id in another project is another row.
      line(noteBody('elsewhere', { project_id: 'acme/dup-other', id: 'dup-1' }), '2024-03-01T00:00:00Z', 'second'),
    ]);
    const result = await runImport(second);
    expect(result).toMatchObject({ rows: 2, duplicates: 2, errors: [] });
    expect(await row('acme/dup', 'dup-1')).toMatchObject({ wb_user_id: 'first', payload: { note: 'original' }, created_at_ms: Date.parse('2024-01-01T00:00:00Z') });
    expect(await row('acme/dup', 'dup-2')).toMatchObject({ payload: { note: 'new' } });
    expect(await row('acme/dup-other', 'dup-1')).toMatchObject({ payload: { note: 'elsewhere' } });
    const count = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM feedback WHERE project_id LIKE 'acme/dup%'");
    expect(count.rows[0]?.n).toBe(3);
  });
});
