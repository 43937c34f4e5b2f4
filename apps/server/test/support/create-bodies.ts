// Valid /feedback/create bodies, one per type family, to vary one field at a time in tests.
import type { FeedbackCreateReq } from '@feedback/sdk';

export const PROJECT = 'acme/bot';
const REF_BASE = `weave:///${PROJECT}`;

export const refs = {
  call: (id = 'call-1') => `${REF_BASE}/call/${id}`,
  object: (name: string, digest = 'v1') => `${REF_BASE}/object/${name}:${digest}`,
  op: (name: string, digest = 'v1') => `${REF_BASE}/op/${name}:${digest}`,
  agentTurn: (id: string) => `${REF_BASE}/agent_turn/${id}`,
  agentConversation: (id: string) => `${REF_BASE}/agent_conversation/${id}`,
};

/** Fields to set; a field set to `undefined` is left out of the body. */
export type Overrides = { [K in keyof FeedbackCreateReq]?: FeedbackCreateReq[K] | undefined };

export function customBody(o: Overrides = {}): FeedbackCreateReq {
  const body: Record<string, unknown> = { project_id: PROJECT, weave_ref: refs.call(), feedback_type: 'custom', payload: { any: 'thing' }, ...o };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body as FeedbackCreateReq;
}

export function annotationBody(o: Overrides = {}): FeedbackCreateReq {
  return customBody({ feedback_type: 'wandb.annotation.quality', annotation_ref: refs.object('quality', 'abc123'), payload: { value: 4 }, ...o });
}

export function runnableBody(o: Overrides = {}): FeedbackCreateReq {
  return customBody({ feedback_type: 'wandb.runnable.helpfulness', runnable_ref: refs.object('helpfulness'), payload: { output: { score: 0.5 } }, ...o });
}

export function agentMonitorBody(o: Overrides = {}): FeedbackCreateReq {
  return customBody({
    feedback_type: 'wandb.agent_monitor',
    weave_ref: refs.agentTurn('turn-1'),
    runnable_ref: refs.op('judge'),
    call_ref: refs.call('judge-call'),
    trigger_ref: refs.object('monitor', 'v3'),
    payload: { output: true },
    ...o,
  });
}

export function agentUserFeedbackBody(o: Overrides = {}): FeedbackCreateReq {
  return customBody({ feedback_type: 'wandb.agent_user_feedback', weave_ref: refs.agentTurn('turn-1'), scorer_tags: ['thumbs_up'], payload: {}, ...o });
}

export function noteBody(note: unknown, o: Overrides = {}): FeedbackCreateReq {
  return customBody({ feedback_type: 'wandb.note.1', payload: { note }, ...o });
}

export function reactionBody(emoji: unknown, o: Overrides = {}): FeedbackCreateReq {
  return customBody({ feedback_type: 'wandb.reaction.1', payload: { emoji }, ...o });
}
