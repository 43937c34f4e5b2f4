import { describe, expect, it } from 'vitest';
import { ApiError } from '@feedback/semantics';
import { assertMatchesSchema } from './schema-validator.js';

function detailOf(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'validation') return err.detail;
    throw err;
  }
  return undefined;
}

const stats = (start: string) => ({ project_id: 'acme/bot', start });

describe('assertMatchesSchema', () => {
  it('fills schema defaults into the body', () => {
    const body = { project_id: 'acme/bot', start: '2024-01-01T00:00:00Z', metrics: [{ json_path: 'a' }] };
    assertMatchesSchema('FeedbackStatsReq', body);
    expect(body).toEqual({ project_id: 'acme/bot', start: '2024-01-01T00:00:00Z', timezone: 'UTC', metrics: [{ json_path: 'a', value_type: 'numeric' }] });
  });

  it('puts the missing or extra property into loc', () => {
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { project_id: 'acme/bot', after_ms: 0 }))).toEqual([
      { loc: ['body', 'before_ms'], msg: "must have required property 'before_ms'", type: 'missing' },
    ]);
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { project_id: 'acme/bot', after_ms: 0, before_ms: 1, extra: true }))).toEqual([
      { loc: ['body', 'extra'], msg: 'must NOT have additional properties', type: 'extra_forbidden' },
    ]);
  });

  it('stops at the first failure, as the server validator does (allErrors off)', () => {
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { project_id: 'acme/bot', after_ms: 0, extra: true, group_by: ['day'] }))).toEqual([
      { loc: ['body', 'before_ms'], msg: "must have required property 'before_ms'", type: 'missing' },
    ]);
  });

  it('reports a failed anyOf once, by its first branch, and lists enum values in the message', () => {
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { project_id: 'acme/bot', after_ms: 0, before_ms: 1, time_bucket_seconds: 'x' }))).toEqual([
      { loc: ['body', 'time_bucket_seconds'], msg: 'must be integer', type: 'type_error' },
    ]);
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { project_id: 'acme/bot', after_ms: 0, before_ms: 1, group_by: ['day'] }))).toEqual([
      { loc: ['body', 'group_by', 0], msg: 'must be equal to one of the allowed values: scorer_id, span_agent_name, span_agent_version, span_status_code', type: 'enum' },
    ]);
  });

  it('names a broken bound by its FastAPI type: string_too_long, too_long, less_than_equal', () => {
    const agg = { project_id: 'acme/bot', after_ms: 0, before_ms: 1 };
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { ...agg, project_id: `acme/${'p'.repeat(253)}` }))).toEqual([
      { loc: ['body', 'project_id'], msg: 'must NOT have more than 257 characters', type: 'string_too_long' },
    ]);
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { ...agg, group_by: ['scorer_id', 'scorer_id', 'scorer_id', 'scorer_id', 'scorer_id'] }))).toEqual([
      { loc: ['body', 'group_by'], msg: 'must NOT have more than 4 items', type: 'too_long' },
    ]);
    expect(detailOf(() => assertMatchesSchema('FeedbackAggregateReq', { ...agg, before_ms: 253_402_300_800_000 }))).toEqual([
      { loc: ['body', 'before_ms'], msg: 'must be <= 253402300799999', type: 'less_than_equal' },
    ]);
  });

  it('splits a dotted map key into loc segments, as the server does', () => {
    const body = { project_id: 'a/b', weave_ref: 'w', feedback_type: 't', payload: {}, scorer_ratings: { 'x.y': 'high' } };
    expect(detailOf(() => assertMatchesSchema('FeedbackCreateReq', body))).toEqual([
      { loc: ['body', 'scorer_ratings', 'x', 'y'], msg: 'must be number', type: 'type_error' },
    ]);
  });

  it('checks date-time like ajv-formats 3 "fast": a T (any case) and an offset', () => {
    for (const ok of ['2024-01-01T00:00:00Z', '2024-01-01t00:00:00.5+0530', '2024-19-39T00:00:00-05']) {
      expect(detailOf(() => assertMatchesSchema('FeedbackStatsReq', stats(ok))), ok).toBeUndefined();
    }
    for (const bad of ['2024-01-01T00:00:00', '2024-01-01 00:00:00Z', '2024-01-01']) {
      expect(detailOf(() => assertMatchesSchema('FeedbackStatsReq', stats(bad))), bad).toEqual([
        { loc: ['body', 'start'], msg: 'must match format "date-time"', type: 'format_error' },
      ]);
    }
  });
});
