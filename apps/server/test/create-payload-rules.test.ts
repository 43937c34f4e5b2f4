// /feedback/create, the rules on scorer columns, notes and reactions (§1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import {
  agentMonitorBody,
  agentUserFeedbackBody,
  annotationBody,
  customBody,
  noteBody,
  reactionBody,
  runnableBody,
  type Overrides,
} from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { expectRefused } from './support/expect-refused.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const SCORER_FIELDS: Overrides = {
  scorer_tags: ['helpful', 'concise'],
  scorer_tag_reasons: { helpful: 'answers the question' },
  scorer_tag_confidences: { helpful: 0.9 },
  scorer_ratings: { _rating_: 0.75, tone: 0 },
  scorer_rating_reasons: { _rating_: 'mostly right' },
  scorer_rating_confidences: { _rating_: 1 },
};

describe.each(testEngines())('create: scorer fields, notes and reactions on $name', (engine) => {
  let srv: TestServer;
  const create = (body: FeedbackCreateReq) => srv.client().create(body);
  const refused = (body: FeedbackCreateReq, status = 400) => expectRefused(srv.db, () => create(body), status);

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('scorer fields', () => {
    it.each([
      ['wandb.runnable.<name>', runnableBody(SCORER_FIELDS)],
      ['wandb.agent_monitor', agentMonitorBody(SCORER_FIELDS)],
      ['wandb.agent_user_feedback', agentUserFeedbackBody(SCORER_FIELDS)],
    ])('are accepted on %s and stored as sent', async (_label, body) => {
      const res = await create(body);
      const row = await srv.db.query('SELECT scorer_tags, scorer_tag_reasons, scorer_tag_confidences, scorer_ratings, scorer_rating_reasons, scorer_rating_confidences, rating, is_scored FROM feedback WHERE id = $1', [res.id]);
      expect(row.rows[0]).toEqual({ ...SCORER_FIELDS, rating: 0.75, is_scored: true });
    });

    const nonScorerBodies = (o: Overrides): [string, FeedbackCreateReq][] => [
      ['custom', customBody(o)],
      ['wandb.annotation.<name>', annotationBody(o)],
      ['wandb.note.1', noteBody('hi', o)],
      ['wandb.reaction.1', reactionBody('👍', o)],
    ];
    for (const [field, value] of Object.entries(SCORER_FIELDS)) {
      it.each(nonScorerBodies({ [field]: value }))(`a non-empty ${field} is refused on %s (400)`, async (_label, body) => {
        await refused(body);
      });
    }

    it('empty scorer fields are accepted on any type', async () => {
      const empty: Overrides = {
        scorer_tags: [],
        scorer_tag_reasons: {},
        scorer_tag_confidences: {},
        scorer_ratings: {},
        scorer_rating_reasons: {},
        scorer_rating_confidences: {},
      };
      for (const [label, body] of nonScorerBodies(empty)) {
        await expect(create(body), label).resolves.toMatchObject({ wb_user_id: 'alice' });
      }
    });

    it('wandb.agent_user_feedback needs non-empty scorer_tags (400)', async () => {
      await refused(agentUserFeedbackBody({ scorer_tags: undefined }));
      await refused(agentUserFeedbackBody({ scorer_tags: [] }));
      await refused(agentUserFeedbackBody({ scorer_tags: [], scorer_ratings: { _rating_: 0.5 } }));
    });

    it.each([
      ['scorer_ratings', 0],
      ['scorer_ratings', 1],
      ['scorer_tag_confidences', 0],
      ['scorer_rating_confidences', 1],
    ])('%s accepts the bound %d', async (field, v) => {
      await expect(create(runnableBody({ scorer_tags: ['t'], [field]: { t: v } }))).resolves.toMatchObject({ wb_user_id: 'alice' });
    });

    for (const field of ['scorer_ratings', 'scorer_tag_confidences', 'scorer_rating_confidences'] as const) {
      it.each([1.5, -0.1, 1.000001, -1e-9, 2, 1e308])(`${field} refuses %d, outside [0, 1] (400)`, async (v) => {
        await refused(runnableBody({ [field]: { t: v } }));
      });

      // JSON has no Infinity, but 1e999 is valid JSON that parses to it: not a finite number, so
      // not a number to the schema (422 at the value), and never stored.
      it(`${field} refuses 1e999, which parses as Infinity (422 at the value)`, async () => {
        const before = (await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback')).rows;
        const body = JSON.stringify(runnableBody()).replace(/\}$/, `,"${field}":{"t":1e999}}`);
        const res = await srv.post('/feedback/create', body);
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ detail: [{ loc: ['body', field, 't'] }] });
        expect((await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback')).rows).toEqual(before);
      });
    }

    it('a rating that is not a number is a schema error (422 with its loc)', async () => {
      const res = await srv.post('/feedback/create', JSON.stringify({ ...runnableBody(), scorer_ratings: { _rating_: '0.5' } }));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ detail: [{ loc: ['body', 'scorer_ratings', '_rating_'] }] });
    });
  });

  describe('wandb.note.1', () => {
    it.each([
      ['one character', 'x'],
      ['1024 characters', 'x'.repeat(1024)],
      ['1024 emoji (one character each, two UTF-16 units)', '😀'.repeat(1024)],
      ['whitespace and newlines', ' line one\nline two '],
    ])('accepts a note of %s', async (_label, note) => {
      const res = await create(noteBody(note));
      expect(res.payload).toEqual({ note });
    });

    it.each<[string, unknown]>([
      ['an empty note', ''],
      ['1025 characters', 'x'.repeat(1025)],
      ['1025 emoji', '😀'.repeat(1025)],
      ['a number', 42],
      ['null', null],
      ['a list', ['x']],
    ])('refuses %s (400)', async (_label, note) => {
      await refused(noteBody(note));
    });

    it('refuses a payload without note (400)', async () => {
      await refused(customBody({ feedback_type: 'wandb.note.1', payload: { text: 'x' } }));
    });
  });

  describe('wandb.reaction.1', () => {
    it.each([
      ['👍', ':thumbs_up:', '👍', ':thumbs_up:'],
      ['👍🏽', ':thumbs_up_medium_skin_tone:', '👍', ':thumbs_up:'],
      ['👍🏿', ':thumbs_up_dark_skin_tone:', '👍', ':thumbs_up:'],
      ['❤️', ':red_heart:', '❤️', ':red_heart:'],
      ['❤', ':red_heart:', '❤️', ':red_heart:'],
      ['🎉', ':party_popper:', '🎉', ':party_popper:'],
    ])('%s gets alias %s, detoned %s and detoned_alias %s, returned and stored', async (emoji, alias, detoned, detonedAlias) => {
      const res = await create(reactionBody(emoji));
      const expected = { emoji, alias, detoned, detoned_alias: detonedAlias };
      expect(res.payload).toEqual(expected);
      const stored = await srv.db.query<{ payload: unknown }>('SELECT payload FROM feedback WHERE id = $1', [res.id]);
      expect(stored.rows[0]?.payload).toEqual(expected);
    });

    it('keeps other payload keys and replaces aliases the client sent', async () => {
      const res = await create(customBody({ feedback_type: 'wandb.reaction.1', payload: { emoji: '👍', alias: ':fake:', detoned: 'x', source: 'ui' } }));
      expect(res.payload).toEqual({ emoji: '👍', alias: ':thumbs_up:', detoned: '👍', detoned_alias: ':thumbs_up:', source: 'ui' });
    });

    it.each<[string, unknown]>([
      ['two emoji', '👍👍'],
      ['a toned and a plain emoji', '👍🏽👍'],
      ['an alias instead of the emoji', ':thumbs_up:'],
      ['a letter', 'a'],
      ['an emoji with text', '👍 ok'],
      ['an empty string', ''],
      ['a lone skin-tone modifier', '🏽'],
      ['a skin tone on an emoji without tones', '❤🏽'],
      ['a number', 1],
      ['null', null],
    ])('refuses %s (400)', async (_label, emoji) => {
      await refused(reactionBody(emoji));
    });

    it('refuses a payload without emoji (400)', async () => {
      await refused(customBody({ feedback_type: 'wandb.reaction.1', payload: { alias: ':thumbs_up:' } }));
    });
  });

  describe('payload', () => {
    it.each<[string, string]>([
      ['a list', '[]'],
      ['a string', '"x"'],
      ['null', 'null'],
      ['a number', '1'],
    ])('must be a JSON object: %s is a 422 at body.payload', async (_label, payload) => {
      const body = JSON.stringify(customBody()).replace('{"any":"thing"}', payload);
      const res = await srv.post('/feedback/create', body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ detail: [{ loc: ['body', 'payload'] }] });
    });

    it('is returned and stored as sent for other types (nested values, unicode, numbers)', async () => {
      const payload = { a: { b: [1, 2.5, -0.125, true, null, 'ü€😀'] }, 'key with spaces': '', n: 1e21 };
      const res = await create(customBody({ payload }));
      expect(res.payload).toEqual(payload);
      const stored = await srv.db.query<{ payload: unknown }>('SELECT payload FROM feedback WHERE id = $1', [res.id]);
      expect(stored.rows[0]?.payload).toEqual(payload);
    });
  });
});
