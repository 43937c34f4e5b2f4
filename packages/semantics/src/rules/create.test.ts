import { describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { assembleCreateResponse, checkCreateRequest, checkCreateRetry, sameFeedbackContent, type PreparedFeedback } from './create.js';

const USER = 'user-1';
const P = 'acme/bot';
const req = (extra: Partial<FeedbackCreateReq> = {}): FeedbackCreateReq => ({
  project_id: P,
  weave_ref: `weave:///${P}/call/c1`,
  feedback_type: 'custom',
  payload: { key: 'value' },
  ...extra,
});

function errorOf(body: FeedbackCreateReq): ApiError {
  try {
    checkCreateRequest(body, USER);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function reasonOf(body: FeedbackCreateReq): string {
  const err = errorOf(body);
  expect(err.status).toBe(400);
  return err.message;
}

function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
}

describe('checkCreateRequest: defaults', () => {
  it('normalizes a minimal request', () => {
    expect(checkCreateRequest(req(), USER)).toEqual({
      clientId: null,
      project_id: P,
      weave_ref: `weave:///${P}/call/c1`,
      feedback_type: 'custom',
      payload: { key: 'value' },
      creator: null,
      annotation_ref: null,
      runnable_ref: null,
      call_ref: null,
      trigger_ref: null,
      queue_id: null,
      scorer_tags: [],
      scorer_tag_reasons: {},
      scorer_tag_confidences: {},
      scorer_ratings: {},
      scorer_rating_reasons: {},
      scorer_rating_confidences: {},
      wb_user_id: USER,
      span_agent_name: '',
      span_agent_version: '',
      span_status_code: 'UNSET',
      span_conversation_id: '',
      span_trace_id: '',
      scorer_trace_id: '',
    });
  });

  it('keeps given optional columns and treats empty refs as none', () => {
    const row = checkCreateRequest(
      req({ creator: 'Jane', queue_id: 'q1', span_status_code: 'ERROR', span_agent_name: 'a', annotation_ref: '', call_ref: null }),
      USER,
    );
    expect(row).toMatchObject({ creator: 'Jane', queue_id: 'q1', span_status_code: 'ERROR', span_agent_name: 'a', annotation_ref: null });
  });
});

describe('checkCreateRequest: request-level rules', () => {
  it('refuses a malformed project_id (422)', () => {
    const err = errorOf(req({ project_id: 'acme/bot/x' }));
    expect(err.status).toBe(422);
    expect(err.detail[0]?.loc).toEqual(['body', 'project_id']);
  });

  it('refuses a payload that is not an object (422)', () => {
    for (const payload of [[1], null, 'x']) {
      const err = errorOf(req({ payload: payload as unknown as FeedbackCreateReq['payload'] }));
      expect(err.status).toBe(422);
      expect(err.detail[0]).toEqual({ loc: ['body', 'payload'], msg: 'Input should be a valid dictionary', type: 'dict_type' });
    }
  });

  it('refuses an unknown span_status_code (422)', () => {
    const err = errorOf(req({ span_status_code: 'BAD' as unknown as 'OK' }));
    expect(err.detail[0]?.loc).toEqual(['body', 'span_status_code']);
  });

  it('refuses a payload over 1 MiB (413) and accepts exactly 1 MiB', () => {
    // {"k":"…"} is 8 bytes of JSON around the string
    const exact = req({ payload: { k: 'x'.repeat(1_048_576 - 8) } });
    expect(() => checkCreateRequest(exact, USER)).not.toThrow();
    const err = errorOf(req({ payload: { k: 'x'.repeat(1_048_576 - 7) } }));
    expect(err.status).toBe(413);
    expect(err.message).toBe('payload is 1048577 bytes as JSON; the limit is 1048576 bytes (1 MiB).');
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    expect(errorOf(req({ payload: { k: '\u00e9'.repeat(524_285) } })).status).toBe(413);
  });

  it('refuses JSON nested deeper than 64 levels, counting the body (400)', () => {
    expect(() => checkCreateRequest(req({ payload: nested(63) }), USER)).not.toThrow();
    expect(reasonOf(req({ payload: nested(64) }))).toMatch(/^JSON nested too deeply at payload\.a.*at most 64 levels/);
    expect(reasonOf(req({ payload: nested(100_000) }))).toMatch(/nested too deeply/);
  });

  it('refuses NUL or unpaired surrogates anywhere in the body (400)', () => {
    expect(reasonOf(req({ payload: { note: 'a\u0000' } }))).toMatch(/^Invalid text at payload\.note: /);
    expect(reasonOf(req({ creator: '\uD800' }))).toMatch(/^Invalid text at creator: /);
    expect(reasonOf(req({ payload: { ['\u0000']: 1 } }))).toMatch(/^Invalid object key at payload\["\\u0000"\]/);
  });

  it('refuses a payload number that overflowed a 64-bit float (400, naming its path), keeps underflow as 0', () => {
    const parsed = JSON.parse('{"score": 1e400, "list": [-1e400], "tiny": 1e-400, "max": 1.7976931348623157e308}') as Record<string, unknown>;
    expect(reasonOf(req({ payload: parsed }))).toMatch(/^Number out of range at payload\.score: .*64-bit float/);
    expect(reasonOf(req({ payload: { list: parsed['list'] } }))).toMatch(/^Number out of range at payload\.list\[0\]: /);
    const row = checkCreateRequest(req({ payload: { tiny: parsed['tiny'], max: parsed['max'] } }), USER);
    expect(row.payload).toEqual({ tiny: 0, max: 1.7976931348623157e308 });
  });

  it('refuses a wb_user_id other than the caller, accepts the caller or null', () => {
    expect(reasonOf(req({ wb_user_id: 'someone-else' }))).toMatch(/^wb_user_id is set by the server/);
    expect(reasonOf(req({ wb_user_id: '' }))).toMatch(/^wb_user_id/);
    expect(checkCreateRequest(req({ wb_user_id: USER }), USER).wb_user_id).toBe(USER);
    expect(checkCreateRequest(req({ wb_user_id: null }), USER).wb_user_id).toBe(USER);
  });

  it('checks a client id: non-empty, at most 128 characters, no whitespace', () => {
    expect(checkCreateRequest(req({ id: 'x'.repeat(128) }), USER).clientId).toBe('x'.repeat(128));
    expect(checkCreateRequest(req({ id: '\u{1F44D}'.repeat(128) }), USER).clientId).toHaveLength(256);
    expect(checkCreateRequest(req({ id: null }), USER).clientId).toBeNull();
    const reason = 'id must be a non-empty string of at most 128 characters without whitespace.';
    for (const id of ['', 'x'.repeat(129), 'a b', 'a\n', '\u00A0']) expect(reasonOf(req({ id }))).toBe(reason);
  });
});

describe('checkCreateRequest: type families (details in create-family.test.ts)', () => {
  it('applies the family rules with empty refs treated as none', () => {
    expect(reasonOf(req({ feedback_type: 'wandb.annotation.q', annotation_ref: '' }))).toBe('annotation_ref is required for annotation feedback.');
    expect(reasonOf(req({ runnable_ref: `weave:///${P}/op/judge:d1` }))).toBe(
      'runnable_ref is only allowed on wandb.runnable.<name> and wandb.agent_monitor feedback.',
    );
    const row = checkCreateRequest(
      req({
        feedback_type: 'wandb.runnable.scorer',
        runnable_ref: `weave:///${P}/op/scorer:d1`,
        call_ref: `weave:///${P}/call/c9`,
        trigger_ref: '',
        payload: { output: 0.5 },
      }),
      USER,
    );
    expect(row).toMatchObject({ runnable_ref: `weave:///${P}/op/scorer:d1`, call_ref: `weave:///${P}/call/c9`, trigger_ref: null });
  });
});

describe('checkCreateRequest: scorer columns', () => {
  const scorerReason =
    'scorer_tags, scorer_tag_reasons, scorer_tag_confidences, scorer_ratings, scorer_rating_reasons and scorer_rating_confidences are only allowed on wandb.runnable.<name>, wandb.agent_monitor and wandb.agent_user_feedback feedback.';

  it('refuses non-empty scorer columns on other types, allows empty ones', () => {
    expect(reasonOf(req({ scorer_tags: ['x'] }))).toBe(scorerReason);
    expect(reasonOf(req({ scorer_rating_reasons: { r: 'why' } }))).toBe(scorerReason);
    expect(() => checkCreateRequest(req({ scorer_tags: [], scorer_ratings: {} }), USER)).not.toThrow();
  });

  it('needs non-empty scorer_tags on agent user feedback', () => {
    expect(reasonOf(req({ feedback_type: 'wandb.agent_user_feedback' }))).toBe(
      'scorer_tags must not be empty for wandb.agent_user_feedback feedback.',
    );
    expect(checkCreateRequest(req({ feedback_type: 'wandb.agent_user_feedback', scorer_tags: ['helpful'] }), USER).scorer_tags).toEqual([
      'helpful',
    ]);
  });

  it('keeps ratings and confidences within [0, 1]', () => {
    const uf = (extra: Partial<FeedbackCreateReq>): FeedbackCreateReq =>
      req({ feedback_type: 'wandb.agent_user_feedback', scorer_tags: ['t'], ...extra });
    expect(() => checkCreateRequest(uf({ scorer_ratings: { a: 0, b: 1 }, scorer_tag_confidences: { t: 0.5 } }), USER)).not.toThrow();
    expect(reasonOf(uf({ scorer_ratings: { _rating_: 1.5 } }))).toBe('scorer_ratings["_rating_"] must be a finite number from 0 to 1, got 1.5.');
    expect(reasonOf(uf({ scorer_tag_confidences: { t: -0.1 } }))).toMatch(/^scorer_tag_confidences\["t"\] must be/);
    expect(reasonOf(uf({ scorer_rating_confidences: { r: Number.NaN } }))).toMatch(/^scorer_rating_confidences\["r"\] .* got NaN\.$/);
  });
});

describe('checkCreateRequest: note and reaction', () => {
  it('needs a note of 1 to 1024 characters, counted by code point', () => {
    const note = (n: unknown): FeedbackCreateReq => req({ feedback_type: 'wandb.note.1', payload: { note: n } });
    expect(() => checkCreateRequest(note('\u{1F44D}'.repeat(1024)), USER)).not.toThrow();
    const reason = 'payload.note must be a string of 1 to 1024 characters for wandb.note.1 feedback.';
    expect(reasonOf(note(''))).toBe(reason);
    expect(reasonOf(note('x'.repeat(1025)))).toBe(reason);
    expect(reasonOf(note(5))).toBe(reason);
    expect(reasonOf(req({ feedback_type: 'wandb.note.1', payload: {} }))).toBe(reason);
  });

  it('adds the reaction aliases to the stored payload', () => {
    const row = checkCreateRequest(req({ feedback_type: 'wandb.reaction.1', payload: { emoji: '\u{1F44D}\u{1F3FE}', alias: 'mine' } }), USER);
    expect(row.payload).toEqual({
      emoji: '\u{1F44D}\u{1F3FE}',
      alias: ':thumbs_up_medium-dark_skin_tone:',
      detoned: '\u{1F44D}',
      detoned_alias: ':thumbs_up:',
    });
  });

  it('refuses a reaction that is not exactly one emoji', () => {
    expect(reasonOf(req({ feedback_type: 'wandb.reaction.1', payload: { emoji: '\u{1F44D}\u{1F44D}' } }))).toMatch(
      /^payload\.emoji must be exactly one emoji/,
    );
    expect(reasonOf(req({ feedback_type: 'wandb.reaction.1', payload: {} }))).toMatch(/must be a string/);
  });

  it('applies the size limit to the payload with aliases (413)', () => {
    const filler = 'x'.repeat(1_048_576 - 40);
    const body = req({ feedback_type: 'wandb.reaction.1', payload: { emoji: '\u{1F44D}', f: filler } });
    expect(JSON.stringify(body.payload).length).toBeLessThanOrEqual(1_048_576);
    expect(errorOf(body).status).toBe(413);
  });
});

describe('checkCreateRequest: span ids from agent refs', () => {
  it('fills span_conversation_id / span_trace_id when empty', () => {
    const conv = checkCreateRequest(
      req({ feedback_type: 'wandb.agent_user_feedback', scorer_tags: ['t'], weave_ref: `weave:///${P}/agent_conversation/conv-1` }),
      USER,
    );
    expect(conv.span_conversation_id).toBe('conv-1');
    expect(conv.span_trace_id).toBe('');
    const turn = checkCreateRequest(
      req({
        feedback_type: 'wandb.agent_monitor',
        weave_ref: `weave:///${P}/agent_turn/tr:1`,
        runnable_ref: `weave:///${P}/op/j:d`,
        call_ref: `weave:///${P}/call/c`,
        trigger_ref: `weave:///${P}/object/m:d`,
      }),
      USER,
    );
    expect(turn.span_trace_id).toBe('tr:1');
  });

  it('keeps ids the producer gave, and fills nothing for other types or refs', () => {
    const agent = (extra: Partial<FeedbackCreateReq>): FeedbackCreateReq =>
      req({ feedback_type: 'wandb.agent_user_feedback', scorer_tags: ['t'], ...extra });
    expect(checkCreateRequest(agent({ weave_ref: `weave:///${P}/agent_turn/t1`, span_trace_id: 'given' }), USER).span_trace_id).toBe('given');
    expect(checkCreateRequest(agent({ weave_ref: `weave:///${P}/call/t1` }), USER).span_trace_id).toBe('');
    expect(checkCreateRequest(agent({ weave_ref: `weave:///${P}/agent_turn/t1/x` }), USER).span_trace_id).toBe('');
    expect(checkCreateRequest(req({ weave_ref: `weave:///${P}/agent_turn/t1` }), USER).span_trace_id).toBe('');
  });
});

describe('sameFeedbackContent', () => {
  it('ignores clientId and key order, but not content', () => {
    const a = checkCreateRequest(req({ id: 'a', payload: { x: 1, y: { p: 1, q: 2 } } }), USER);
    const b = checkCreateRequest(req({ id: 'b', payload: { y: { q: 2, p: 1 }, x: 1 } }), USER);
    expect(sameFeedbackContent(a, b)).toBe(true);
    const c = checkCreateRequest(req({ payload: { x: 2, y: { p: 1, q: 2 } } }), USER);
    expect(sameFeedbackContent(a, c)).toBe(false);
    expect(sameFeedbackContent(a, checkCreateRequest(req({ payload: a.payload }), 'user-2'))).toBe(false);
    expect(sameFeedbackContent(a, checkCreateRequest(req({ payload: a.payload, creator: 'x' }), USER))).toBe(false);
  });
});

describe('checkCreateRetry and assembleCreateResponse', () => {
  interface Stored { createdAtMs: number; content: PreparedFeedback }
  const checked = checkCreateRequest(req({ id: 'c1' }), USER);
  const stored: Stored = { createdAtMs: Date.UTC(2024, 0, 1), content: checkCreateRequest(req({ id: 'c1' }), USER) };
  const contentOf = (row: Stored): PreparedFeedback => row.content;

  it('the same content is a retry: the stored row is answered', () => {
    const existing = checkCreateRetry(checked, 'c1', stored, contentOf);
    expect(assembleCreateResponse('c1', existing.createdAtMs, existing.content)).toEqual({
      id: 'c1',
      created_at: '2024-01-01T00:00:00.000Z',
      wb_user_id: USER,
      payload: { key: 'value' },
    });
  });

  it('other content under the same id is a 409; no stored row is a 503', () => {
    const other: Stored = { ...stored, content: checkCreateRequest(req({ id: 'c1', payload: { key: 'other' } }), USER) };
    expect(() => checkCreateRetry(checked, 'c1', other, contentOf)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => checkCreateRetry(checked, 'c1', undefined, contentOf)).toThrow(expect.objectContaining({ status: 503 }));
  });
});
