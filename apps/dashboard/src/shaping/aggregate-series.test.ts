import type { FeedbackAggregateRes } from '@feedback/api-types';
import { describe, expect, it } from 'vitest';
import { aggregateCsv } from './chart-csv.js';
import { aggregateBucketTimes, aggregateRequest, ratingAverages, stackTops, stackedSeries, tagCounts } from './aggregate-series.js';
import { EMPTY_FILTERS } from './view-state.js';

const H = 3_600_000;
// Four hourly buckets; the third has no rows at all (absent from the sparse answer).
const answer: FeedbackAggregateRes = {
  after_ms: 10 * H,
  before_ms: 14 * H,
  time_bucket_seconds: 3600,
  buckets: [
    { time_bucket_start_ms: 10 * H, group: { scorer_id: 'toxicity' }, total_count: 2, scored_count: 2, tag_counts: { safe: 2 }, rating_counts: { _rating_: 2 }, rating_sums: { _rating_: 1.5 } },
    { time_bucket_start_ms: 10 * H, group: { scorer_id: 'helpfulness' }, total_count: 5, scored_count: 4, tag_counts: { helpful: 3, safe: 1 }, rating_counts: { _rating_: 4 }, rating_sums: { _rating_: 3 } },
    { time_bucket_start_ms: 11 * H, group: { scorer_id: 'helpfulness' }, total_count: 1, scored_count: 1, rating_counts: { _rating_: 1 }, rating_sums: { _rating_: 0.2 } },
    { time_bucket_start_ms: 13 * H, group: { scorer_id: '' }, total_count: 1, scored_count: 0 },
  ],
};

describe('aggregate answers → stacked bars', () => {
  it('rebuilds the whole grid from the window and the bucket size', () => {
    expect(aggregateBucketTimes(answer)).toEqual([10 * H, 11 * H, 12 * H, 13 * H]);
    expect(aggregateBucketTimes({ ...answer, after_ms: 10 * H + 5, before_ms: 12 * H + 1 })).toEqual([10 * H, 11 * H, 12 * H]);
  });

  it('keeps a bucket without rows a gap in every series', () => {
    const s = stackedSeries(answer, ['scorer_id']);
    expect(s.groups).toEqual(['helpfulness', 'toxicity', '(none)']);
    expect(s.counts).toEqual([
      [5, 1, null, null],
      [2, null, null, null],
      [null, null, null, 1],
    ]);
    expect(s.totals).toEqual([7, 1, null, 1]);
    expect(stackTops(s)).toEqual([
      [5, 1, null, 0],
      [7, 1, null, 0],
      [7, 1, null, 1],
    ]);
  });

  it('sums tag counts over the answer, most frequent first', () => {
    expect(tagCounts(answer)).toEqual([
      { tag: 'helpful', count: 3 },
      { tag: 'safe', count: 3 },
    ]);
  });

  it('averages ratings as sum / count per group, over every bucket', () => {
    expect(ratingAverages(answer, ['scorer_id'])).toEqual([
      { group: 'helpfulness', rating: '_rating_', average: 3.2 / 5, count: 5 },
      { group: 'toxicity', rating: '_rating_', average: 0.75, count: 2 },
    ]);
  });

  it('writes one CSV line per row of the answer', () => {
    const lines = aggregateCsv(answer, ['scorer_id'], 'UTC').trimEnd().split('\r\n');
    expect(lines[0]).toBe('time_bucket_start_ms,local_time (UTC),scorer_id,total_count,scored_count');
    expect(lines[1]).toBe(`${10 * H},1970-01-01 10:00,toxicity,2,2`);
    expect(lines).toHaveLength(5);
  });

  it('sends only the filters that are set', () => {
    expect(aggregateRequest('acme/bot', { startMs: 0, endMs: H }, 300, ['scorer_id'], EMPTY_FILTERS)).toEqual({
      project_id: 'acme/bot',
      after_ms: 0,
      before_ms: H,
      time_bucket_seconds: 300,
      group_by: ['scorer_id'],
    });
    const filtered = aggregateRequest('acme/bot', { startMs: 0, endMs: H }, 300, [], {
      ...EMPTY_FILTERS,
      scorerIds: ['help*'],
      spanTypes: ['agent_turn'],
      ratingMin: 0,
    });
    expect(filtered).toMatchObject({ scorer_ids: ['help*'], span_types: ['agent_turn'], rating_min: 0 });
    expect(filtered).not.toHaveProperty('rating_max');
  });
});
