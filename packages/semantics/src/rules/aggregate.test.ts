import { describe, expect, it } from 'vitest';
import type { FeedbackAggregateReq } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { MAX_FILTERED_RANGE_MS, checkAggregateRequest, feedbackTypeMatches } from './aggregate.js';

const HOUR = 3_600_000;
const base: FeedbackAggregateReq = { project_id: 'acme/bot', after_ms: 0, before_ms: 24 * HOUR };

function errorOf(req: FeedbackAggregateReq): ApiError {
  try {
    checkAggregateRequest(req);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function locOf(req: FeedbackAggregateReq): (string | number)[] | undefined {
  const err = errorOf(req);
  expect(err.status).toBe(422);
  return err.detail[0]?.loc;
}

describe('checkAggregateRequest: normalization', () => {
  it('fills empty lists and nulls for absent fields', () => {
    expect(checkAggregateRequest(base)).toEqual({
      projectId: 'acme/bot',
      afterMs: 0,
      beforeMs: 24 * HOUR,
      timeBucketSeconds: null,
      feedbackTypes: [],
      feedbackTypePrefixes: [],
      tags: [],
      ratingMin: null,
      ratingMax: null,
      monitorIds: [],
      scorerIds: [],
      spanAgentNames: [],
      spanTypes: [],
      groupBy: [],
    });
  });

  it('strips trailing stars from feedback_types and drops repeated group_by dimensions', () => {
    const r = checkAggregateRequest({
      ...base,
      feedback_types: ['wandb.runnable.*', 'wandb.note.1', '*'],
      group_by: ['span_status_code', 'scorer_id', 'span_status_code'],
      time_bucket_seconds: 3600,
    });
    expect(r.feedbackTypes).toEqual(['wandb.runnable.*', 'wandb.note.1', '*']);
    expect(r.feedbackTypePrefixes).toEqual(['wandb.runnable.', 'wandb.note.1', '']);
    expect(r.groupBy).toEqual(['span_status_code', 'scorer_id']);
    expect(r.timeBucketSeconds).toBe(3600);
  });
});

describe('checkAggregateRequest: 422 rules', () => {
  it('refuses a malformed project_id', () => {
    expect(locOf({ ...base, project_id: 'acme' })).toEqual(['body', 'project_id']);
  });

  it('refuses negative or non-integer millis and non-positive bucket sizes', () => {
    expect(locOf({ ...base, after_ms: -1 })).toEqual(['body', 'after_ms']);
    expect(locOf({ ...base, before_ms: 1.5 })).toEqual(['body', 'before_ms']);
    expect(locOf({ ...base, time_bucket_seconds: 0 })).toEqual(['body', 'time_bucket_seconds']);
    expect(locOf({ ...base, time_bucket_seconds: 2.5 })).toEqual(['body', 'time_bucket_seconds']);
  });

  it('refuses rating bounds outside [0, 1]', () => {
    expect(locOf({ ...base, rating_min: -0.1 })).toEqual(['body', 'rating_min']);
    expect(locOf({ ...base, rating_max: 1.1 })).toEqual(['body', 'rating_max']);
    expect(checkAggregateRequest({ ...base, rating_min: 0, rating_max: 1 }).ratingMax).toBe(1);
  });

  it('refuses unknown span_types and group_by values, pointing at the item', () => {
    const err = errorOf({ ...base, span_types: ['agent_turn', 'call' as 'agent_turn'] });
    expect(err.detail).toEqual([
      { loc: ['body', 'span_types', 1], msg: "Input should be 'agent_turn' or 'agent_conversation'", type: 'enum' },
    ]);
    expect(errorOf({ ...base, group_by: ['user' as 'scorer_id'] }).detail[0]?.msg).toBe(
      "Input should be 'scorer_id', 'span_agent_name', 'span_agent_version' or 'span_status_code'",
    );
  });

  it('needs before_ms > after_ms', () => {
    expect(locOf({ ...base, after_ms: 5, before_ms: 5 })).toEqual(['body', 'before_ms']);
    expect(locOf({ ...base, after_ms: 6, before_ms: 5 })).toEqual(['body', 'before_ms']);
    expect(checkAggregateRequest({ ...base, after_ms: 5, before_ms: 6 }).beforeMs).toBe(6);
  });

  it('allows exactly 256 buckets and refuses more', () => {
    expect(checkAggregateRequest({ ...base, before_ms: 256 * HOUR, time_bucket_seconds: 3600 }).timeBucketSeconds).toBe(3600);
    const err = errorOf({ ...base, before_ms: 256 * HOUR + 1, time_bucket_seconds: 3600 });
    expect(err.detail[0]?.loc).toEqual(['body', 'time_bucket_seconds']);
    expect(err.detail[0]?.msg).toMatch(/at most 256 buckets/);
  });

  it('allows more than 31 days only for a bare total', () => {
    const long = { ...base, before_ms: MAX_FILTERED_RANGE_MS + 1 };
    expect(checkAggregateRequest(long).beforeMs).toBe(MAX_FILTERED_RANGE_MS + 1);
    // empty lists and nulls are no filter
    expect(() =>
      checkAggregateRequest({ ...long, tags: [], group_by: [], rating_min: null, time_bucket_seconds: null }),
    ).not.toThrow();
    const refused: Partial<FeedbackAggregateReq>[] = [
      { time_bucket_seconds: 86_400 * 31 },
      { group_by: ['scorer_id'] },
      { feedback_types: [''] },
      { tags: ['t'] },
      { rating_min: 0 },
      { rating_max: 1 },
      { monitor_ids: ['m'] },
      { scorer_ids: ['s'] },
      { span_agent_names: ['a'] },
      { span_types: ['agent_turn'] },
    ];
    for (const extra of refused) {
      const err = errorOf({ ...long, ...extra });
      expect(err.detail[0]?.loc).toEqual(['body', 'before_ms']);
      expect(err.detail[0]?.msg).toMatch(/over 31 days/);
    }
  });

  it('allows exactly 31 days with filters', () => {
    expect(() => checkAggregateRequest({ ...base, before_ms: MAX_FILTERED_RANGE_MS, tags: ['t'] })).not.toThrow();
  });
});

describe('checkAggregateRequest: 400 rules', () => {
  it('refuses NUL or unpaired surrogates in any string', () => {
    const err = errorOf({ ...base, tags: ['ok', 'b\u0000d'] });
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Invalid text at tags\[1\]: /);
    expect(errorOf({ ...base, scorer_ids: ['\uDC00'] }).status).toBe(400);
  });
});

describe('feedbackTypeMatches', () => {
  it('matches all without prefixes, else by any prefix', () => {
    expect(feedbackTypeMatches([], 'x')).toBe(true);
    expect(feedbackTypeMatches(['wandb.runnable.'], 'wandb.runnable.s1')).toBe(true);
    expect(feedbackTypeMatches(['wandb.runnable.'], 'wandb.note.1')).toBe(false);
    expect(feedbackTypeMatches(['x', ''], 'anything')).toBe(true);
  });
});
