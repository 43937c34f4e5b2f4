import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { checkTypeFamily, type FeedbackRefs } from './create-family.js';

const P = 'acme/bot';
const NO_REFS: FeedbackRefs = { annotation_ref: null, runnable_ref: null, call_ref: null, trigger_ref: null };

function check(type: string, refs: Partial<FeedbackRefs>, payload: Record<string, unknown> = {}): void {
  checkTypeFamily(P, type, { ...NO_REFS, ...refs }, payload);
}

function reasonOf(type: string, refs: Partial<FeedbackRefs>, payload: Record<string, unknown> = {}): string {
  try {
    check(type, refs, payload);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.message;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('annotation family', () => {
  const type = 'wandb.annotation.quality';
  const ref = { annotation_ref: `weave:///${P}/object/quality:d1` };

  it('accepts a matching object ref with digest and a payload value (null included)', () => {
    expect(() => check(type, ref, { value: 3 })).not.toThrow();
    expect(() => check(type, ref, { value: null })).not.toThrow();
  });

  it('refuses an annotation type without a name', () => {
    for (const t of ['wandb.annotation', 'wandb.annotation.', 'wandb.annotationx']) {
      expect(reasonOf(t, ref, { value: 1 })).toBe(
        `feedback_type ${JSON.stringify(t)} is not a valid wandb.annotation type: use wandb.annotation.<name> with a non-empty <name>.`,
      );
    }
  });

  it('requires annotation_ref', () => {
    expect(reasonOf(type, {}, { value: 1 })).toBe('annotation_ref is required for annotation feedback.');
  });

  it('requires an object ref with digest and nothing after it', () => {
    for (const r of [`weave:///${P}/object/quality`, `weave:///${P}/op/quality:d1`, `weave:///${P}/object/quality:d1/attr/x`, 'quality']) {
      expect(reasonOf(type, { annotation_ref: r }, { value: 1 })).toBe(
        `annotation_ref must look like weave:///<entity>/<project>/object/<name>:<digest>; got ${JSON.stringify(r)}.`,
      );
    }
  });

  it('requires the same project and the same name', () => {
    expect(reasonOf(type, { annotation_ref: 'weave:///acme/other/object/quality:d1' }, { value: 1 })).toBe(
      'annotation_ref must be in the project acme/bot; it points to acme/other.',
    );
    expect(reasonOf(type, { annotation_ref: `weave:///${P}/object/other:d1` }, { value: 1 })).toBe(
      'annotation_ref must point to an object named "quality", like the feedback_type.',
    );
  });

  it('requires payload.value as an own key', () => {
    expect(reasonOf(type, ref, { v: 1 })).toBe("payload must have the key 'value' for feedback_type wandb.annotation.quality.");
    expect(reasonOf(type, ref, Object.create({ value: 1 }) as Record<string, unknown>)).toMatch(/key 'value'/);
  });

  it('refuses annotation_ref on any other type', () => {
    expect(reasonOf('custom', ref)).toBe('annotation_ref is only allowed on wandb.annotation.<name> feedback.');
    expect(reasonOf('wandb.runnable.quality', ref)).toMatch(/^annotation_ref is only allowed/);
  });
});

describe('runnable family', () => {
  const type = 'wandb.runnable.scorer';
  const op = { runnable_ref: `weave:///${P}/op/scorer:d1`, call_ref: `weave:///${P}/call/c9` };
  const out = { output: 0.5 };

  it('accepts an op ref with call_ref, and an object ref without call_ref', () => {
    expect(() => check(type, op, out)).not.toThrow();
    expect(() => check(type, { runnable_ref: `weave:///${P}/object/scorer:d1` }, out)).not.toThrow();
  });

  it('allows refs of another project (only annotation_ref is tied to the project)', () => {
    expect(() => check(type, { runnable_ref: 'weave:///other/proj/object/scorer:d1' }, out)).not.toThrow();
  });

  it('refuses a runnable type without a name', () => {
    expect(reasonOf('wandb.runnable', op, out)).toMatch(/is not a valid wandb\.runnable type/);
    expect(reasonOf('wandb.runnablex', op, out)).toMatch(/is not a valid wandb\.runnable type/);
  });

  it('requires runnable_ref as an op or object ref with digest, named like the type', () => {
    expect(reasonOf(type, {}, out)).toBe('runnable_ref is required for runnable feedback.');
    expect(reasonOf(type, { ...op, runnable_ref: `weave:///${P}/op/scorer` }, out)).toBe(
      `runnable_ref must look like weave:///<entity>/<project>/op|object/<name>:<digest>; got "weave:///${P}/op/scorer".`,
    );
    expect(reasonOf(type, { ...op, runnable_ref: `weave:///${P}/call/scorer:d1` }, out)).toMatch(/^runnable_ref must look like/);
    expect(reasonOf(type, { ...op, runnable_ref: `weave:///${P}/op/other:d1` }, out)).toBe(
      'runnable_ref must point to an op or object named "scorer", like the feedback_type.',
    );
  });

  it('requires call_ref for an op ref, and a well-formed one', () => {
    expect(reasonOf(type, { runnable_ref: op.runnable_ref }, out)).toBe('call_ref is required for runnable feedback on an op.');
    expect(reasonOf(type, { ...op, call_ref: `weave:///${P}/object/c9:d` }, out)).toBe(
      `call_ref must look like weave:///<entity>/<project>/call/<id>; got "weave:///${P}/object/c9:d".`,
    );
    expect(reasonOf(type, { ...op, call_ref: `weave:///${P}/call/c9:x` }, out)).toMatch(/^call_ref must look like/);
  });

  it('requires payload.output', () => {
    expect(reasonOf(type, op, { out: 1 })).toBe("payload must have the key 'output' for feedback_type wandb.runnable.scorer.");
  });

  it('checks an optional trigger_ref', () => {
    expect(() => check(type, { ...op, trigger_ref: `weave:///${P}/object/mon:d2` }, out)).not.toThrow();
    expect(reasonOf(type, { ...op, trigger_ref: 'mon' }, out)).toBe(
      'trigger_ref must look like weave:///<entity>/<project>/object/<name>[:<digest>]; got "mon".',
    );
  });
});

describe('agent monitor and other types', () => {
  const type = 'wandb.agent_monitor';
  const all = {
    runnable_ref: `weave:///${P}/op/judge:d1`,
    call_ref: `weave:///${P}/call/c9`,
    trigger_ref: `weave:///${P}/object/mon:d2`,
  };

  it('accepts all three refs, digests optional', () => {
    expect(() => check(type, all)).not.toThrow();
    expect(() => check(type, { ...all, runnable_ref: `weave:///${P}/object/judge`, trigger_ref: `weave:///${P}/object/mon` })).not.toThrow();
  });

  it('requires each of the three refs', () => {
    expect(reasonOf(type, { ...all, runnable_ref: null })).toBe('runnable_ref is required for agent monitor feedback.');
    expect(reasonOf(type, { ...all, call_ref: null })).toBe('call_ref is required for agent monitor feedback.');
    expect(reasonOf(type, { ...all, trigger_ref: null })).toBe('trigger_ref is required for agent monitor feedback.');
    expect(reasonOf(type, { ...all, trigger_ref: `weave:///${P}/op/mon:d` })).toMatch(/^trigger_ref must look like/);
  });

  it('matches the type exactly', () => {
    expect(reasonOf('wandb.agent_monitor.x', all)).toBe(
      'runnable_ref is only allowed on wandb.runnable.<name> and wandb.agent_monitor feedback.',
    );
  });

  it('refuses runnable_ref, call_ref and trigger_ref on other types', () => {
    for (const field of ['runnable_ref', 'call_ref', 'trigger_ref'] as const) {
      for (const t of ['custom', 'wandb.agent_user_feedback', 'wandb.note.1']) {
        expect(reasonOf(t, { [field]: all[field] })).toBe(
          `${field} is only allowed on wandb.runnable.<name> and wandb.agent_monitor feedback.`,
        );
      }
    }
  });

  it('lets other types through without refs', () => {
    expect(() => check('custom', {})).not.toThrow();
  });
});
