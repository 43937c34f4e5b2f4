// /feedback/create, the type-family rules (§1): which refs each family needs, what they must
// look like, and that any other type carrying refs is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import {
  agentMonitorBody,
  agentUserFeedbackBody,
  annotationBody,
  customBody,
  noteBody,
  refs,
  runnableBody,
  type Overrides,
} from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { expectRefused } from './support/expect-refused.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe.each(testEngines())('create: type families on $name', (engine) => {
  let srv: TestServer;
  const create = (body: FeedbackCreateReq) => srv.client().create(body);
  const refused = (body: FeedbackCreateReq, status = 400) => expectRefused(srv.db, () => create(body), status);
  const storedRefs = async (id: string) =>
    (
      await srv.db.query<Record<string, string | null>>(
        'SELECT feedback_type, annotation_ref, runnable_ref, call_ref, trigger_ref FROM feedback WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv.close();
  }, 60_000);

  describe('wandb.annotation.<name>', () => {
    it('accepts an object ref with digest in the same project, named like the type, with payload.value', async () => {
      const res = await create(annotationBody());
      expect(res.payload).toEqual({ value: 4 });
      expect(await storedRefs(res.id)).toEqual({
        feedback_type: 'wandb.annotation.quality',
        annotation_ref: refs.object('quality', 'abc123'),
        runnable_ref: null,
        call_ref: null,
        trigger_ref: null,
      });
    });

    it('accepts any value, null included, and other payload keys beside it', async () => {
      await expect(create(annotationBody({ payload: { value: null } }))).resolves.toMatchObject({ payload: { value: null } });
      await expect(create(annotationBody({ payload: { value: { label: 'good' }, note: 'x' } }))).resolves.toMatchObject({
        payload: { value: { label: 'good' }, note: 'x' },
      });
    });

    it('accepts an optional call_ref that is a call ref', async () => {
      await expect(create(annotationBody({ call_ref: refs.call('c9') }))).resolves.toMatchObject({ wb_user_id: 'alice' });
    });

    it.each<[string, Overrides]>([
      ['no annotation_ref', { annotation_ref: undefined }],
      ['a null annotation_ref', { annotation_ref: null }],
      ['an empty annotation_ref', { annotation_ref: '' }],
      ['a ref into another project', { annotation_ref: 'weave:///acme/other/object/quality:abc123' }],
      ['a ref into another entity', { annotation_ref: 'weave:///evil/bot/object/quality:abc123' }],
      ['a ref to an object of another name', { annotation_ref: refs.object('helpfulness', 'abc123') }],
      ['a ref without digest', { annotation_ref: 'weave:///acme/bot/object/quality' }],
      ['an empty digest', { annotation_ref: 'weave:///acme/bot/object/quality:' }],
      ['an op ref', { annotation_ref: refs.op('quality', 'abc123') }],
      ['a ref with a path after the name', { annotation_ref: `${refs.object('quality', 'abc123')}/attr/x` }],
      ['not a weave ref', { annotation_ref: 'quality' }],
      ['an http URL', { annotation_ref: 'https://example.com/acme/bot/object/quality:abc123' }],
      ['a payload without value', { payload: { val: 4 } }],
      ['an empty payload', { payload: {} }],
      ['a call_ref that is not a call ref', { call_ref: refs.object('x') }],
      ['a trigger_ref that is not an object ref', { trigger_ref: refs.call('x') }],
    ])('refuses %s (400)', async (_label, override) => {
      await refused(annotationBody(override));
    });

    it.each(['wandb.annotation', 'wandb.annotation.', 'wandb.annotationquality'])('refuses the type %j, which has no <name> (400)', async (type) => {
      await refused(annotationBody({ feedback_type: type, annotation_ref: refs.object('quality', 'abc123') }));
    });
  });

  describe('annotation_ref on any other type', () => {
    it.each([
      ['custom', customBody({ annotation_ref: refs.object('quality', 'abc123') })],
      ['wandb.runnable.<name>', runnableBody({ annotation_ref: refs.object('quality', 'abc123') })],
      ['wandb.note.1', noteBody('hi', { annotation_ref: refs.object('quality', 'abc123') })],
      ['wandb.agent_monitor', agentMonitorBody({ annotation_ref: refs.object('quality', 'abc123') })],
    ])('is refused on %s (400)', async (_label, body) => {
      await refused(body);
    });
  });

  describe('wandb.runnable.<name>', () => {
    it('accepts an object ref with digest named like the type and payload.output, no call_ref needed', async () => {
      const res = await create(runnableBody());
      expect(await storedRefs(res.id)).toMatchObject({ runnable_ref: refs.object('helpfulness'), call_ref: null });
    });

    it('accepts an op ref together with a call_ref', async () => {
      const res = await create(runnableBody({ runnable_ref: refs.op('helpfulness', 'abc'), call_ref: refs.call('scorer-call') }));
      expect(await storedRefs(res.id)).toMatchObject({ runnable_ref: refs.op('helpfulness', 'abc'), call_ref: refs.call('scorer-call') });
    });

    it('accepts an optional trigger_ref (an object ref, digest optional)', async () => {
      await expect(create(runnableBody({ trigger_ref: 'weave:///acme/bot/object/monitor' }))).resolves.toMatchObject({ wb_user_id: 'alice' });
    });

    it('accepts output: null', async () => {
      await expect(create(runnableBody({ payload: { output: null } }))).resolves.toMatchObject({ payload: { output: null } });
    });

    it.each<[string, Overrides]>([
      ['no runnable_ref', { runnable_ref: undefined }],
      ['an empty runnable_ref', { runnable_ref: '' }],
      ['an op ref without call_ref', { runnable_ref: refs.op('helpfulness') }],
      ['an op ref with an empty call_ref', { runnable_ref: refs.op('helpfulness'), call_ref: '' }],
      ['a ref named otherwise', { runnable_ref: refs.object('correctness') }],
      ['a ref without digest', { runnable_ref: 'weave:///acme/bot/object/helpfulness' }],
      ['a call ref as runnable_ref', { runnable_ref: refs.call('helpfulness') }],
      ['a ref with a path after the name', { runnable_ref: `${refs.object('helpfulness')}/attr/x` }],
      ['a call_ref that is not a call ref', { runnable_ref: refs.op('helpfulness'), call_ref: refs.object('c') }],
      ['a call_ref with a digest', { runnable_ref: refs.op('helpfulness'), call_ref: `${refs.call('c')}:abc` }],
      ['a payload without output', { payload: { score: 0.5 } }],
    ])('refuses %s (400)', async (_label, override) => {
      await refused(runnableBody(override));
    });

    it.each(['wandb.runnable', 'wandb.runnable.'])('refuses the type %j, which has no <name> (400)', async (type) => {
      await refused(runnableBody({ feedback_type: type }));
    });
  });

  describe('wandb.agent_monitor', () => {
    it('accepts runnable_ref, call_ref and trigger_ref together', async () => {
      const res = await create(agentMonitorBody());
      expect(await storedRefs(res.id)).toEqual({
        feedback_type: 'wandb.agent_monitor',
        annotation_ref: null,
        runnable_ref: refs.op('judge'),
        call_ref: refs.call('judge-call'),
        trigger_ref: refs.object('monitor', 'v3'),
      });
    });

    it.each<[string, Overrides]>([
      ['no runnable_ref', { runnable_ref: undefined }],
      ['no call_ref', { call_ref: undefined }],
      ['no trigger_ref', { trigger_ref: undefined }],
      ['an empty trigger_ref', { trigger_ref: '' }],
      ['none of the three', { runnable_ref: null, call_ref: null, trigger_ref: null }],
      ['a call_ref that is not a call ref', { call_ref: refs.object('judge-call') }],
      ['a trigger_ref that is an op ref', { trigger_ref: refs.op('monitor') }],
      ['a runnable_ref that is a call ref', { runnable_ref: refs.call('judge') }],
    ])('refuses %s (400)', async (_label, override) => {
      await refused(agentMonitorBody(override));
    });

    it('is only the exact type: wandb.agent_monitor.x with refs is refused', async () => {
      await refused(agentMonitorBody({ feedback_type: 'wandb.agent_monitor.x' }));
    });
  });

  describe('runnable_ref, call_ref or trigger_ref on any other type', () => {
    const ref = {
      runnable_ref: refs.op('judge'),
      call_ref: refs.call('judge-call'),
      trigger_ref: refs.object('monitor', 'v3'),
    } as const;
    for (const field of ['runnable_ref', 'call_ref', 'trigger_ref'] as const) {
      it.each([
        ['custom', customBody({ [field]: ref[field] })],
        ['wandb.note.1', noteBody('hi', { [field]: ref[field] })],
        ['wandb.agent_user_feedback', agentUserFeedbackBody({ [field]: ref[field] })],
      ])(`${field} is refused on %s (400)`, async (_label, body) => {
        await refused(body);
      });
    }

    it('empty-string refs are no refs: accepted on a custom type and stored as null', async () => {
      const res = await create(customBody({ annotation_ref: '', runnable_ref: '', call_ref: '', trigger_ref: '' }));
      expect(await storedRefs(res.id)).toEqual({
        feedback_type: 'custom',
        annotation_ref: null,
        runnable_ref: null,
        call_ref: null,
        trigger_ref: null,
      });
    });

    it('accepts a custom type without refs', async () => {
      await expect(create(customBody({ feedback_type: 'my.own.type' }))).resolves.toMatchObject({ payload: { any: 'thing' } });
    });
  });
});
