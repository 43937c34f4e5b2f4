import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { MAX_AGGREGATE_ROWS } from '../limits/answer-size.js';
import { assembleAggregateResponse, type AggregateGroupCounts } from './aggregate-response.js';
import { checkAggregateRequest } from './aggregate.js';

const HOUR = 3_600_000;
const bare = checkAggregateRequest({ project_id: 'acme/bot', after_ms: 0, before_ms: 24 * HOUR });
const grouped = checkAggregateRequest({ project_id: 'acme/bot', after_ms: 0, before_ms: 24 * HOUR, time_bucket_seconds: 3600, group_by: ['scorer_id', 'span_status_code'] });

const counts = (extra: Partial<AggregateGroupCounts> = {}): AggregateGroupCounts => ({
  bucketMs: 0,
  groups: [],
  totalCount: 1,
  scoredCount: 0,
  tagCounts: null,
  ratingCounts: null,
  ratingSums: null,
  ...extra,
});

describe('assembleAggregateResponse', () => {
  it('a bare total is exactly one row, even when nothing matched', () => {
    expect(assembleAggregateResponse(bare, [])).toEqual({
      after_ms: 0,
      before_ms: 24 * HOUR,
      time_bucket_seconds: null,
      buckets: [{ time_bucket_start_ms: null, group: {}, total_count: 0, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} }],
    });
  });

  it('bucketed or grouped answers are sparse: no groups, no rows', () => {
    expect(assembleAggregateResponse(grouped, []).buckets).toEqual([]);
  });

  it('shapes each group: bucket start only when bucketed, group values by dimension, missing maps empty', () => {
    const res = assembleAggregateResponse(grouped, [
      counts({ bucketMs: HOUR, groups: ['s1', 'OK'], totalCount: 3, scoredCount: 2, tagCounts: { b: 2 }, ratingSums: { r: 1.5 } }),
    ]);
    expect(res.time_bucket_seconds).toBe(3600);
    expect(res.buckets).toEqual([
      { time_bucket_start_ms: HOUR, group: { scorer_id: 's1', span_status_code: 'OK' }, total_count: 3, scored_count: 2, tag_counts: { b: 2 }, rating_counts: {}, rating_sums: { r: 1.5 } },
    ]);
    expect(assembleAggregateResponse(bare, [counts({ bucketMs: 0 })]).buckets?.[0]?.time_bucket_start_ms).toBeNull();
  });

  it('keeps a tag named __proto__ as a key', () => {
    const tags = JSON.parse('{"__proto__": 4}') as Record<string, number>;
    const res = assembleAggregateResponse(bare, [counts({ tagCounts: tags })]);
    expect(Object.keys(res.buckets?.[0]?.tag_counts ?? {})).toEqual(['__proto__']);
  });

  it(`refuses more than ${MAX_AGGREGATE_ROWS} rows (400)`, () => {
    const many = Array.from({ length: MAX_AGGREGATE_ROWS + 1 }, (_, i) => counts({ groups: [`s${i}`, 'OK'] }));
    expect(assembleAggregateResponse(grouped, many.slice(1)).buckets).toHaveLength(MAX_AGGREGATE_ROWS);
    expect(() => assembleAggregateResponse(grouped, many)).toThrow(ApiError);
  });
});
