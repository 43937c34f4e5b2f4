// Weave's own TypeScript client (the `weave` package's generated trace-server API, pinned as a dev
// dependency) against the reference server on PGlite and on PostgreSQL: every feedback call the
// client has, with the bodies Weave's SDKs and UI send (support/weave-trace-api.ts builds it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { databaseUrl } from './support/env.js';
import { KEYS } from './support/keys.js';
import { weaveTraceServerApi, type WeaveTraceServerApi } from './support/weave-trace-api.js';
import { startServerTarget } from './targets/server-target.js';
import { INITIAL_NOW_MS, type StatefulTarget } from './targets/target.js';
import type { EngineName } from './targets/test-database.js';

const PROJECT = 'acme/weave-client';
const CALL = `weave:///${PROJECT}/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b`;
const SCORER_CALL = `weave:///${PROJECT}/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6c`;
const SCORER_OP = `weave:///${PROJECT}/op/accuracy:6f2a3e0f9c1d4b7a8e5f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d`;

/** What the generated client throws for an error status: the Response, with the parsed body as `error`. */
async function failureOf(call: Promise<unknown>): Promise<{ status: number; error: unknown }> {
  try {
    await call;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, error: (thrown as Response & { error: unknown }).error };
    throw thrown;
  }
  throw new Error('the call succeeded');
}

type Row = Record<string, unknown>;

const byId = (id: string) => ({ $eq: [{ $getField: 'id' }, { $literal: id }] });

for (const engine of ['pglite', 'postgres'] as const satisfies readonly EngineName[]) {
  const skip = engine === 'postgres' && databaseUrl() === undefined;
  describe.skipIf(skip)(`Weave's TypeScript client against the server on ${engine}`, () => {
    let target: StatefulTarget | undefined;
    let api: WeaveTraceServerApi;
    /** Our own SDK, to check what Weave's calls did without depending on Weave's query. */
    let ours: FeedbackClient;
    const ids = new Map<string, string>();
    const tick = (() => {
      let now = INITIAL_NOW_MS;
      return () => target?.setNow((now += 1000));
    })();

    beforeAll(async () => {
      target = await startServerTarget(engine);
      api = weaveTraceServerApi(target.baseUrl, KEYS.alice.key);
      ours = createFeedbackClient({ baseUrl: target.baseUrl, apiKey: KEYS.alice.key, fetch: (req) => globalThis.fetch(req), retries: 0 });
    });
    afterAll(async () => {
      await target?.close();
    });

    /** The project's rows as Weave's Ref feedback query asks for them (Python's RefFeedbackQuery). */
    async function rowsOn(weaveRef: string): Promise<Row[]> {
      const res = await api.feedback.feedbackQueryFeedbackQueryPost({
        project_id: PROJECT,
        query: { $expr: { $eq: [{ $getField: 'weave_ref' }, { $literal: weaveRef }] } },
        sort_by: [{ field: 'created_at', direction: 'asc' }],
        offset: null,
        limit: null,
      });
      return res.data.result as Row[];
    }

    /** Rows of the project per feedback_type (our aggregate), over the day the clock ticks in. */
    async function countsByType(): Promise<Record<string, number>> {
      const res = await ours.aggregate({ project_id: PROJECT, after_ms: INITIAL_NOW_MS, before_ms: INITIAL_NOW_MS + 86_400_000, feedback_types: ['wandb.'] });
      const total = res.buckets?.[0]?.total_count ?? 0;
      const byType: Record<string, number> = {};
      for (const type of ['wandb.runnable.accuracy', 'wandb.reaction.1', 'wandb.note.1']) {
        const one = await ours.aggregate({ project_id: PROJECT, after_ms: INITIAL_NOW_MS, before_ms: INITIAL_NOW_MS + 86_400_000, feedback_types: [type] });
        const n = one.buckets?.[0]?.total_count ?? 0;
        if (n > 0) byType[type] = n;
      }
      expect(Object.values(byType).reduce((a, b) => a + b, 0)).toBe(total);
      return byType;
    }

    /** The text of the notes (our stats: the categorical min and max over the day). */
    async function noteRange(): Promise<unknown> {
      const res = await ours.stats({
        project_id: PROJECT,
        start: new Date(INITIAL_NOW_MS).toISOString(),
        end: new Date(INITIAL_NOW_MS + 86_400_000).toISOString(),
        feedback_type: 'wandb.note.1',
        metrics: [{ json_path: 'note', value_type: 'categorical', aggregations: ['count', 'min', 'max'] }],
      });
      return res.window_stats?.['note'];
    }

    async function createNote(note: string): Promise<string> {
      tick();
      const res = await api.feedback.feedbackCreateFeedbackCreatePost({ project_id: PROJECT, weave_ref: CALL, creator: null, feedback_type: 'wandb.note.1', payload: { note } });
      return res.data.id;
    }

    it('has four feedback calls: create, query, replace, purge (no batch create)', () => {
      expect(Object.keys(api.feedback).sort()).toEqual([
        'feedbackCreateFeedbackCreatePost',
        'feedbackPurgeFeedbackPurgePost',
        'feedbackQueryFeedbackQueryPost',
        'feedbackReplaceFeedbackReplacePost',
      ]);
    });

    it('create: a scorer result (WeaveClient.addScore), a reaction and a note (the UI)', async () => {
      tick();
      const score = await api.feedback.feedbackCreateFeedbackCreatePost({
        project_id: PROJECT,
        weave_ref: CALL,
        feedback_type: 'wandb.runnable.accuracy',
        payload: { output: { accuracy: 0.9, correct: true } },
        runnable_ref: SCORER_OP,
        call_ref: SCORER_CALL,
      });
      expect(score.status).toBe(200);
      expect(score.data).toMatchObject({ wb_user_id: 'alice', payload: { output: { accuracy: 0.9, correct: true } } });
      expect(Date.parse(score.data.created_at)).toBe(INITIAL_NOW_MS + 1000);
      ids.set('score', score.data.id);

      tick();
      const reaction = await api.feedback.feedbackCreateFeedbackCreatePost({ project_id: PROJECT, weave_ref: CALL, creator: null, feedback_type: 'wandb.reaction.1', payload: { emoji: '👍' } });
      expect(reaction.data.payload).toEqual({ emoji: '👍', alias: ':thumbs_up:', detoned: '👍', detoned_alias: ':thumbs_up:' });
      ids.set('reaction', reaction.data.id);

      ids.set('note', await createNote('first note'));
      expect(await countsByType()).toEqual({ 'wandb.runnable.accuracy': 1, 'wandb.reaction.1': 1, 'wandb.note.1': 1 });
    });

    it('create: a refused body comes back as the 422 Weave answers (HTTPValidationError)', async () => {
      const failure = await failureOf(api.feedback.feedbackCreateFeedbackCreatePost({ project_id: 'not-a-project', weave_ref: CALL, feedback_type: 'custom', payload: {} }));
      expect(failure.status).toBe(422);
      expect(failure.error).toMatchObject({ detail: [{ loc: ['body', 'project_id'] }] });
    });

    it('query: the rows on a ref, oldest first, with every column Weave reads back', async () => {
      const rows = await rowsOn(CALL);
      expect(rows.map((r) => r['feedback_type'])).toEqual(['wandb.runnable.accuracy', 'wandb.reaction.1', 'wandb.note.1']);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'project_id', 'weave_ref', 'wb_user_id', 'creator', 'created_at', 'feedback_type', 'payload']));
        expect(row).toMatchObject({ project_id: PROJECT, weave_ref: CALL, wb_user_id: 'alice' });
      }
      expect(rows[0]).toMatchObject({ runnable_ref: SCORER_OP, call_ref: SCORER_CALL, payload: { output: { accuracy: 0.9, correct: true } } });
    });

    it('query: fields, a filter on a payload path, sort, limit and offset', async () => {
      const res = await api.feedback.feedbackQueryFeedbackQueryPost({
        project_id: PROJECT,
        fields: ['id', 'feedback_type'],
        query: {
          $expr: {
            $or: [
              { $eq: [{ $getField: 'feedback_type' }, { $literal: 'wandb.reaction.1' }] },
              { $gt: [{ $convert: { input: { $getField: 'payload.output.accuracy' }, to: 'double' } }, { $literal: 0.5 }] },
            ],
          },
        },
        sort_by: [{ field: 'created_at', direction: 'desc' }],
        limit: 1,
        offset: 1,
      });
      const rows = res.data.result as Row[];
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['feedback_type', 'id']);
      expect(rows[0]?.['feedback_type']).toBe('wandb.runnable.accuracy');
    });

    it('replace: the note is replaced by a new row (a new id), the old one is gone', async () => {
      const noteId = ids.get('note');
      if (noteId === undefined) throw new Error('no note to replace');
      tick();
      const res = await api.feedback.feedbackReplaceFeedbackReplacePost({
        project_id: PROJECT,
        weave_ref: CALL,
        creator: null,
        feedback_type: 'wandb.note.1',
        payload: { note: 'corrected note' },
        feedback_id: noteId,
      });
      expect(res.status).toBe(200);
      expect(res.data).toMatchObject({ wb_user_id: 'alice', payload: { note: 'corrected note' } });
      expect(res.data.id).not.toBe(noteId);
      ids.set('note', res.data.id);
      expect(await noteRange()).toEqual({ count: 1, min: 'corrected note', max: 'corrected note' });
      const notes = (await rowsOn(CALL)).filter((r) => r['feedback_type'] === 'wandb.note.1');
      expect(notes.map((r) => [r['id'], r['payload']])).toEqual([[res.data.id, { note: 'corrected note' }]]);
    });

    it('replace: a body that breaks a rule is refused and the row stays', async () => {
      const noteId = ids.get('note');
      if (noteId === undefined) throw new Error('no note to replace');
      const failure = await failureOf(
        api.feedback.feedbackReplaceFeedbackReplacePost({ project_id: PROJECT, weave_ref: CALL, feedback_type: 'wandb.note.1', payload: { note: '' }, feedback_id: noteId }),
      );
      expect(failure.status).toBe(400);
      expect(await noteRange()).toEqual({ count: 1, min: 'corrected note', max: 'corrected note' });
    });

    it('purge: a query Weave refuses (not ids) is refused, and nothing is deleted', async () => {
      const failure = await failureOf(
        api.feedback.feedbackPurgeFeedbackPurgePost({ project_id: PROJECT, query: { $expr: { $eq: [{ $getField: 'feedback_type' }, { $literal: 'wandb.note.1' }] } } }),
      );
      expect(failure.status).toBe(400);
      expect(await countsByType()).toEqual({ 'wandb.runnable.accuracy': 1, 'wandb.reaction.1': 1, 'wandb.note.1': 1 });
    });

    it('purge: one id (the UI removing a reaction), then an $or of ids (Weave purge by ids)', async () => {
      const [reaction, score, note] = [ids.get('reaction'), ids.get('score'), ids.get('note')];
      if (reaction === undefined || score === undefined || note === undefined) throw new Error('the rows to purge were not created');
      const one = await api.feedback.feedbackPurgeFeedbackPurgePost({ project_id: PROJECT, query: { $expr: byId(reaction) } });
      expect(one.status).toBe(200);
      expect(await countsByType()).toEqual({ 'wandb.runnable.accuracy': 1, 'wandb.note.1': 1 });

      const many = await api.feedback.feedbackPurgeFeedbackPurgePost({ project_id: PROJECT, query: { $expr: { $or: [score, note].map(byId) } } });
      expect(many.status).toBe(200);
      expect(await countsByType()).toEqual({});
      expect(await rowsOn(CALL)).toEqual([]);
    });
  });
}
