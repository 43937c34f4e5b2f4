// Valid /feedback/create bodies for the read-side suites, one builder per type family, so a
// test states only what it filters or groups on.
import type { FeedbackCreateReq, SpanStatusCode } from '@feedback/api-types';

/** A custom type: no refs, no scorer columns, any payload. */
export function customFeedback(projectId: string, payload: Record<string, unknown>, feedbackType = 'custom.metric'): FeedbackCreateReq {
  return { project_id: projectId, weave_ref: `weave:///${projectId}/call/c1`, feedback_type: feedbackType, payload };
}

export interface ScorerFields {
  /** The row's `weave_ref`; a call ref by default. */
  weaveRef?: string;
  payload?: Record<string, unknown>;
  tags?: string[];
  ratings?: Record<string, number>;
  agent?: string;
  version?: string;
  status?: SpanStatusCode;
}

function scorerColumns(projectId: string, f: ScorerFields): Omit<FeedbackCreateReq, 'feedback_type' | 'payload'> {
  return {
    project_id: projectId,
    weave_ref: f.weaveRef ?? `weave:///${projectId}/call/c1`,
    ...(f.tags === undefined ? {} : { scorer_tags: f.tags }),
    ...(f.ratings === undefined ? {} : { scorer_ratings: f.ratings }),
    ...(f.agent === undefined ? {} : { span_agent_name: f.agent }),
    ...(f.version === undefined ? {} : { span_agent_version: f.version }),
    ...(f.status === undefined ? {} : { span_status_code: f.status }),
  };
}

/**
 * `wandb.runnable.<scorer>` on the object `weave:///<project>/object/<scorer>:v1` (so its
 * scorer id is `scorer`), optionally triggered by `trigger` (a full ref).
 */
export function runnableFeedback(projectId: string, scorer: string, f: ScorerFields & { trigger?: string } = {}): FeedbackCreateReq {
  return {
    ...scorerColumns(projectId, f),
    feedback_type: `wandb.runnable.${scorer}`,
    runnable_ref: `weave:///${projectId}/object/${scorer}:v1`,
    ...(f.trigger === undefined ? {} : { trigger_ref: f.trigger }),
    payload: f.payload ?? { output: null },
  };
}

/** `wandb.agent_monitor`: scorer `scorer` (an op ref), fired by the monitor ref `trigger`. */
export function monitorFeedback(projectId: string, scorer: string, trigger: string, f: ScorerFields = {}): FeedbackCreateReq {
  return {
    ...scorerColumns(projectId, f),
    feedback_type: 'wandb.agent_monitor',
    runnable_ref: `weave:///${projectId}/op/${scorer}:v1`,
    call_ref: `weave:///${projectId}/call/scorer-call`,
    trigger_ref: trigger,
    payload: f.payload ?? {},
  };
}

/** The ref of monitor object `name` (with `:digest` when given) in the project. */
export function monitorRef(projectId: string, name: string, digest?: string): string {
  return `weave:///${projectId}/object/${name}${digest === undefined ? '' : `:${digest}`}`;
}

/**
 * A deterministic text of about `chars` characters that compresses poorly, for payloads that
 * must stay large once stored (PostgreSQL compresses repetitive values).
 */
export function bulkyText(chars: number): string {
  let x = 0x2545f491;
  let out = '';
  while (out.length < chars) {
    // xorshift32: a fixed sequence of well-spread numbers.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (x >>> 0).toString(36);
  }
  return out.slice(0, chars);
}
