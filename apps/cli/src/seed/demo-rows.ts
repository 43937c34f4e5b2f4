// What a support bot's feedback looks like after a few weeks in production: two LLM-judge scorers
// (some runs fired by monitors), a latency monitor, users' thumbs with tags, emoji reactions,
// notes, and a custom eval type with a deeply nested payload. Version 1.4 of the agent answers
// less helpfully than 1.3, so the metrics have something to show. A row is a function of
// (project, seed, index) only: never of the time or of the number of rows asked for.
import type { FeedbackCreateReq, SpanStatusCode } from '@feedback/sdk';
import { hexFor, idFor, randomFor, type Random } from './seeded-random.js';

export interface DemoRowKey {
  project: string;
  seed: number;
  index: number;
}

const MONITORS = ['prod-monitor', 'nightly-eval'] as const;
const REACTIONS = ['👍', '👍', '👍🏽', '❤️', '🎉', '👎', '😕'] as const;
const NOTES = [
  'Answered the question directly',
  'Cited the old refund policy',
  'Asked for the order number twice',
  'Great tone, slightly long',
  'Escalated correctly to a human agent',
  'Hallucinated a discount code',
] as const;
const TOPICS = ['billing', 'shipping', 'returns', 'account', 'product'] as const;

export function demoRowId(key: DemoRowKey): string {
  return idFor([key.project, key.seed, key.index]);
}

export function demoRow(key: DemoRowKey): FeedbackCreateReq {
  const r = randomFor([key.project, key.seed, key.index]);
  const p = key.project;
  const version = r.chance(0.55) ? '1.3.0' : '1.4.0';
  const ctx: RowContext = {
    r,
    p,
    version,
    callRef: `weave:///${p}/call/${hexFor([p, key.seed, key.index, 'call'], 16)}`,
    base: { id: demoRowId(key), project_id: p, weave_ref: '', feedback_type: '', payload: {} },
  };
  ctx.base.weave_ref = ctx.callRef;
  const roll = r.next();
  if (roll < 0.35) return judge(ctx, 'helpfulness');
  if (roll < 0.55) return judge(ctx, 'toxicity');
  if (roll < 0.7) return latencyMonitor(ctx);
  if (roll < 0.82) return userFeedback(ctx);
  if (roll < 0.9) return { ...ctx.base, feedback_type: 'wandb.reaction.1', payload: { emoji: r.pick(REACTIONS) } };
  if (roll < 0.95) return { ...ctx.base, feedback_type: 'wandb.note.1', creator: r.pick(['Jane Smith', 'Ravi Patel', 'Mei Chen']), payload: { note: r.pick(NOTES) } };
  return customEval(ctx);
}

interface RowContext {
  r: Random;
  p: string;
  version: string;
  callRef: string;
  base: FeedbackCreateReq;
}

function spanFields(ctx: RowContext): Pick<FeedbackCreateReq, 'span_agent_name' | 'span_agent_version' | 'span_status_code'> {
  const status: SpanStatusCode = ctx.r.chance(0.06) ? 'ERROR' : ctx.r.chance(0.1) ? 'UNSET' : 'OK';
  return { span_agent_name: 'support-bot', span_agent_version: ctx.version, span_status_code: status };
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** An LLM judge (`wandb.runnable.<scorer>`), half of the time run by a monitor. */
function judge(ctx: RowContext, scorer: 'helpfulness' | 'toxicity'): FeedbackCreateReq {
  const { r, p } = ctx;
  const trigger = r.chance(0.5) ? { trigger_ref: `weave:///${p}/object/${r.pick(MONITORS)}:${hexFor([p, 'monitor'], 8)}` } : {};
  const common = {
    ...ctx.base,
    ...spanFields(ctx),
    ...trigger,
    feedback_type: `wandb.runnable.${scorer}`,
    runnable_ref: `weave:///${p}/object/${scorer}:${hexFor([p, scorer], 8)}`,
    scorer_trace_id: hexFor([ctx.callRef, 'trace'], 32),
  };
  const topic = r.pick(TOPICS);
  if (scorer === 'helpfulness') {
    const score = round(r.normal(ctx.version === '1.3.0' ? 0.78 : 0.64, 0.15, 0, 1));
    const passed = score >= 0.6;
    const confidence = round(r.normal(0.85, 0.08, 0.3, 1), 2);
    return {
      ...common,
      payload: { output: { score, passed, reasoning: { topic, model: 'gpt-4o-mini', tokens: { input: 380 + r.int(600), output: 40 + r.int(120) } } } },
      scorer_ratings: { _rating_: score },
      scorer_rating_confidences: { _rating_: confidence },
      scorer_tags: passed ? ['helpful'] : ['unhelpful'],
      scorer_tag_confidences: passed ? { helpful: confidence } : { unhelpful: confidence },
      ...(passed ? {} : { scorer_rating_reasons: { _rating_: `Did not resolve the ${topic} question` } }),
    };
  }
  const score = round(r.chance(0.05) ? r.normal(0.8, 0.1, 0, 1) : r.normal(0.05, 0.05, 0, 1));
  const toxic = score > 0.5;
  return {
    ...common,
    payload: { output: { toxic, score, categories: { insult: round(score * r.next()), profanity: round(score * r.next()), threat: 0 } } },
    scorer_ratings: { toxicity: score },
    ...(toxic ? { scorer_tags: ['nsfw'], scorer_tag_reasons: { nsfw: 'Contains explicit language' } } : {}),
  };
}

/** `wandb.agent_monitor`: a latency guard on the agent's turns. */
function latencyMonitor(ctx: RowContext): FeedbackCreateReq {
  const { r, p } = ctx;
  const latency = Math.round(r.normal(ctx.version === '1.3.0' ? 1200 : 1650, 450, 180, 9000));
  const withinSlo = latency <= 2000;
  return {
    ...ctx.base,
    ...spanFields(ctx),
    feedback_type: 'wandb.agent_monitor',
    runnable_ref: `weave:///${p}/op/latency_guard:${hexFor([p, 'latency_guard'], 8)}`,
    call_ref: `weave:///${p}/call/${hexFor([ctx.callRef, 'scorer-call'], 16)}`,
    trigger_ref: `weave:///${p}/object/latency-slo:${hexFor([p, 'latency-slo'], 8)}`,
    payload: { output: { latency_ms: latency, within_slo: withinSlo } },
    scorer_ratings: { _rating_: withinSlo ? 1 : round(2000 / latency) },
    ...(withinSlo ? {} : { scorer_tags: ['slow'] }),
  };
}

/** `wandb.agent_user_feedback`: a user's thumbs, with tags saying why. */
function userFeedback(ctx: RowContext): FeedbackCreateReq {
  const { r } = ctx;
  const up = r.chance(ctx.version === '1.3.0' ? 0.82 : 0.7);
  const why = up ? r.pick(['solved', 'fast', 'friendly']) : r.pick(['wrong_answer', 'slow', 'rude']);
  return {
    ...ctx.base,
    ...spanFields(ctx),
    feedback_type: 'wandb.agent_user_feedback',
    payload: { thumbs: up ? 'up' : 'down', channel: r.pick(['web', 'slack', 'email']) },
    scorer_tags: [up ? 'thumbs_up' : 'thumbs_down', why],
    scorer_ratings: { _rating_: up ? 1 : 0 },
  };
}

/** A custom type with a nested payload: an offline eval's numbers per run. */
function customEval(ctx: RowContext): FeedbackCreateReq {
  const { r } = ctx;
  const p50 = Math.round(r.normal(900, 150, 200, 3000));
  return {
    ...ctx.base,
    feedback_type: 'eval.run',
    creator: 'eval-bot',
    payload: {
      model: r.pick(['gpt-4o-mini', 'claude-3-5-haiku']),
      metrics: {
        latency: { p50_ms: p50, p95_ms: p50 + Math.round(r.normal(900, 200, 100, 5000)) },
        tokens: { input: 400 + r.int(800), output: 60 + r.int(200) },
        quality: { exact_match: r.chance(0.4), f1: round(r.normal(0.7, 0.12, 0, 1)) },
      },
      dataset: { name: 'support-golden', version: 3, split: r.pick(['dev', 'test']) },
    },
  };
}
