// /feedback/create, what the server decides about a row (§1): its id, created_at and
// wb_user_id, the span ids it fills in, and the idempotent retry of a client id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import { insertKey } from '../src/keys/key-admin.js';
import {
  agentMonitorBody,
  agentUserFeedbackBody,
  customBody,
  reactionBody,
  refs,
  runnableBody,
  type Overrides,
} from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { expectRefused, feedbackCount } from './support/expect-refused.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix milliseconds in the first 48 bits of a UUIDv7. */
function uuidv7Millis(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe.each(testEngines())('create: row identity on $name', (engine) => {
  let srv: TestServer;
  const create = (body: FeedbackCreateReq) => srv.client().create(body);
  const storedRow = async (id: string, projectId = 'acme/bot') =>
    (
      await srv.db.query<Record<string, unknown>>(
        `SELECT id, wb_user_id, (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms, payload,
                span_conversation_id, span_trace_id
           FROM feedback WHERE project_id = $1 AND id = $2`,
        [projectId, id],
      )
    ).rows[0];

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('server-set fields', () => {
    it('answers exactly {id, created_at, wb_user_id, payload}', async () => {
      const res = await create(customBody());
      expect(Object.keys(res).sort()).toEqual(['created_at', 'id', 'payload', 'wb_user_id']);
    });

    it('generates a UUIDv7 id carrying the creation time, distinct within one millisecond', async () => {
      srv.clock.now = Date.parse('2024-06-01T13:00:00.000Z');
      // Through `raw`, which sends the body as given: the SDK's create adds a client id of its own.
      const createWithoutId = async () => {
        const { data, response } = await srv.client().raw.POST('/feedback/create', { body: customBody() });
        if (data === undefined) throw new Error(`create answered ${response.status}`);
        return data;
      };
      const a = await createWithoutId();
      const b = await createWithoutId();
      expect(a.id).toMatch(UUID_V7);
      expect(b.id).toMatch(UUID_V7);
      expect(a.id).not.toBe(b.id);
      expect(uuidv7Millis(a.id)).toBe(srv.clock.now);
      expect(await storedRow(a.id)).toMatchObject({ id: a.id });
    });

    it('sets created_at from the clock, in UTC with millisecond precision, and stores that instant', async () => {
      srv.clock.now = Date.parse('2024-06-01T14:25:36.789Z');
      const res = await create(customBody());
      expect(res.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|\+00:00)$/);
      expect(Date.parse(res.created_at)).toBe(Date.parse('2024-06-01T14:25:36.789Z'));
      expect(await storedRow(res.id)).toMatchObject({ created_at_ms: Date.parse('2024-06-01T14:25:36.789Z') });
    });

    it('sets wb_user_id from the key', async () => {
      const alice = await create(customBody());
      const bob = await srv.client(KEYS.bob.key).create(customBody({ project_id: 'other/proj' }));
      expect(alice.wb_user_id).toBe('alice');
      expect(bob.wb_user_id).toBe('bob');
      expect(await storedRow(bob.id, 'other/proj')).toMatchObject({ wb_user_id: 'bob' });
    });

    it('accepts wb_user_id set to the caller\'s own id, or null', async () => {
      await expect(create(customBody({ wb_user_id: 'alice' }))).resolves.toMatchObject({ wb_user_id: 'alice' });
      await expect(create(customBody({ wb_user_id: null }))).resolves.toMatchObject({ wb_user_id: 'alice' });
    });

    it.each(['bob', 'Alice', 'alice ', ''])('refuses wb_user_id %j, not the caller (400)', async (other) => {
      await expectRefused(srv.db, () => create(customBody({ wb_user_id: other })), 400);
    });
  });

  describe('span ids from agent weave_refs', () => {
    it('fills span_trace_id from …/agent_turn/<id> for wandb.agent_monitor', async () => {
      const res = await create(agentMonitorBody({ weave_ref: refs.agentTurn('turn-42') }));
      expect(await storedRow(res.id)).toMatchObject({ span_trace_id: 'turn-42', span_conversation_id: '' });
    });

    it('fills span_conversation_id from …/agent_conversation/<id> for wandb.agent_user_feedback', async () => {
      const res = await create(agentUserFeedbackBody({ weave_ref: refs.agentConversation('conv-9') }));
      expect(await storedRow(res.id)).toMatchObject({ span_conversation_id: 'conv-9', span_trace_id: '' });
    });

    it('keeps ids the client sent', async () => {
      const res = await create(agentMonitorBody({ weave_ref: refs.agentTurn('turn-42'), span_trace_id: 'explicit' }));
      expect(await storedRow(res.id)).toMatchObject({ span_trace_id: 'explicit' });
    });

    it.each([
      ['another type', runnableBody({ weave_ref: refs.agentTurn('turn-42') })],
      ['a ref with a path after the id', agentMonitorBody({ weave_ref: `${refs.agentTurn('turn-42')}/x` })],
      ['a call ref', agentMonitorBody({ weave_ref: refs.call('c1') })],
    ])('fills nothing for %s', async (_label, body) => {
      const res = await create(body);
      expect(await storedRow(res.id)).toMatchObject({ span_trace_id: '', span_conversation_id: '' });
    });
  });

  describe('client id', () => {
    it('uses the client\'s id', async () => {
      const res = await create(customBody({ id: 'my-own-id-1' }));
      expect(res.id).toBe('my-own-id-1');
      expect(await storedRow('my-own-id-1')).toMatchObject({ id: 'my-own-id-1' });
    });

    it.each(['', 'has space', 'tab\there'])('refuses the id %j (400)', async (id) => {
      await expectRefused(srv.db, () => create(customBody({ id })), 400);
    });

    it('refuses an id over 128 characters by the schema (422)', async () => {
      await expectRefused(srv.db, () => create(customBody({ id: 'x'.repeat(129) })), 422);
    });

    it('a retry with the same content answers 200 with the stored row, even after the clock moved', async () => {
      srv.clock.now = Date.parse('2024-06-01T15:00:00.250Z');
      const body = runnableBody({
        id: 'retry-1',
        payload: { output: { score: 0.5, label: 'ok' }, extra: [1, { b: 2, a: 1 }] },
        scorer_tags: ['a', 'b'],
        scorer_ratings: { _rating_: 0.5, x: 0.25 },
      });
      const first = await create(body);
      const count = await feedbackCount(srv.db);

      srv.clock.now = Date.parse('2024-06-03T09:00:00.999Z');
      // The same content, with every object's keys in another order.
      const reordered = runnableBody({
        scorer_ratings: { x: 0.25, _rating_: 0.5 },
        scorer_tags: ['a', 'b'],
        payload: { extra: [1, { a: 1, b: 2 }], output: { label: 'ok', score: 0.5 } },
        id: 'retry-1',
      });
      const again = await create(reordered);
      expect(again).toEqual(first);
      expect(again.created_at).toBe(first.created_at);
      expect(Date.parse(again.created_at)).toBe(Date.parse('2024-06-01T15:00:00.250Z'));
      expect(await feedbackCount(srv.db)).toBe(count);
    });

    it('a retry that spells defaults out is the same content', async () => {
      const first = await create(customBody({ id: 'retry-defaults' }));
      const again = await create(
        customBody({
          id: 'retry-defaults',
          span_status_code: 'UNSET',
          span_agent_name: '',
          scorer_tags: [],
          scorer_ratings: {},
          annotation_ref: '',
          creator: null,
        }),
      );
      expect(again).toEqual(first);
    });

    it('a retry of a reaction (aliases added by the server) is the same content', async () => {
      const first = await create(reactionBody('👍🏽', { id: 'retry-reaction' }));
      await expect(create(reactionBody('👍🏽', { id: 'retry-reaction' }))).resolves.toEqual(first);
    });

    it.each<[string, Overrides]>([
      ['a payload value', { payload: { output: { score: 0.6 } } }],
      ['a payload key more', { payload: { output: { score: 0.5 }, more: true } }],
      ['scorer_tags', { scorer_tags: ['other'] }],
      ['the tag order', { scorer_tags: ['b', 'a'] }],
      ['a rating', { scorer_ratings: { _rating_: 0.6 } }],
      ['weave_ref', { weave_ref: refs.call('other-call') }],
      ['creator', { creator: 'someone' }],
      ['span_status_code', { span_status_code: 'ERROR' }],
    ])('the same id with different content (%s) is a 409, and nothing changes', async (label, change) => {
      const id = `conflict-${label.replace(/\W+/g, '-')}`;
      const fields: Overrides = { id, payload: { output: { score: 0.5 } }, scorer_tags: ['a', 'b'], scorer_ratings: { _rating_: 0.5 } };
      const original = runnableBody(fields);
      const first = await create(original);
      const before = await storedRow(id);
      const count = await feedbackCount(srv.db);

      const err = await expectRefused(srv.db, () => create(runnableBody({ ...fields, ...change })), 409);
      expect(err.reason).toContain(id);

      expect(await feedbackCount(srv.db)).toBe(count);
      expect(await storedRow(id)).toEqual(before);
      await expect(create(original)).resolves.toEqual(first);
    });

    it('the same id and body from another user of the project is a 409: the row names its author', async () => {
      await insertKey(srv.db, { key: 'carol-key-0123456789', userId: 'carol', projects: ['acme/*'] });
      const body = customBody({ id: 'authored', project_id: 'acme/shared' });
      const first = await srv.client(KEYS.alice.key).create(body);
      await expectRefused(srv.db, () => srv.client('carol-key-0123456789').create(body), 409);
      expect(await storedRow('authored', 'acme/shared')).toMatchObject({ wb_user_id: 'alice', created_at_ms: Date.parse(first.created_at) });
    });

    it('a user without a grant cannot probe a client id: 403 whether or not it exists', async () => {
      await create(customBody({ id: 'probe-me', project_id: 'acme/shared' }));
      const existing = await expectRefused(srv.db, () => srv.client(KEYS.bob.key).create(customBody({ id: 'probe-me', project_id: 'acme/shared' })), 403);
      const missing = await expectRefused(srv.db, () => srv.client(KEYS.bob.key).create(customBody({ id: 'never-used', project_id: 'acme/shared' })), 403);
      expect(existing.reason).toBe(missing.reason);
    });
  });
});
