import { describe, expect, it } from 'vitest';
import { aggregateBucketSeconds, statsGranularity, viewWindow, windowProblem } from './time-window.js';
import { DEFAULT_VIEW, parseViewState, serializeViewState, type ViewState } from './view-state.js';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const view: ViewState = {
      project: 'acme/support-bot',
      range: 'custom',
      start: Date.parse('2024-03-09T05:00:00Z'),
      end: Date.parse('2024-03-12T04:00:00Z'),
      timeZone: 'America/New_York',
      granularity: 3600,
      refresh: 60,
      panels: [
        { kind: 'numeric', path: 'output.score' },
        { kind: 'boolean', path: 'output.passed' },
        { kind: 'categorical', path: 'output.label' },
      ],
      minMax: true,
      feedbackType: 'wandb.runnable.helpfulness',
      groupBy: ['scorer_id', 'span_status_code'],
      bucketSeconds: 7200,
      filters: {
        feedbackTypes: ['wandb.runnable.*'],
        tags: ['helpful', 'a,b'],
        scorerIds: ['help*'],
        monitorIds: ['mon'],
        spanTypes: ['agent_turn'],
        agentNames: ['planner'],
        ratingMin: 0.25,
        ratingMax: 1,
      },
    };
    expect(parseViewState(serializeViewState(view))).toEqual(view);
  });

  it('keeps the defaults out of the link and reads them back', () => {
    expect(serializeViewState({ ...DEFAULT_VIEW, project: 'a/b' })).toBe('project=a%2Fb&range=24h');
    expect(parseViewState('project=a%2Fb&range=24h')).toEqual({ ...DEFAULT_VIEW, project: 'a/b' });
  });

  it('distinguishes "no panels chosen yet" from "every panel removed"', () => {
    expect(parseViewState('').panels).toBeNull();
    const none = serializeViewState({ ...DEFAULT_VIEW, panels: [] });
    expect(parseViewState(none).panels).toEqual([]);
  });

  it('ignores malformed values and a second panel on the same path', () => {
    const v = parseViewState('range=2y&gran=-5&refresh=7&group=bogus&span=x&rmin=2&num=a&bool=a&tz=');
    expect(v.range).toBe('24h');
    expect(v.granularity).toBeNull();
    expect(v.refresh).toBe(0);
    expect(v.groupBy).toEqual([]);
    expect(v.filters.spanTypes).toEqual([]);
    expect(v.filters.ratingMin).toBeNull();
    expect(v.panels).toEqual([{ kind: 'numeric', path: 'a' }]);
    expect(v.timeZone).toBeNull();
  });

  it('falls back to a preset when a custom range is incomplete or backwards', () => {
    expect(parseViewState('range=custom&start=2024-01-02T00:00:00Z').range).toBe('24h');
    expect(parseViewState('range=custom&start=2024-01-02T00:00:00Z&end=2024-01-01T00:00:00Z').range).toBe('24h');
  });
});

describe('time window and bucket sizes', () => {
  const now = Date.parse('2024-03-10T12:34:56Z');

  it('ends a preset at the current minute', () => {
    expect(viewWindow({ range: '1h', start: null, end: null }, now)).toEqual({
      startMs: Date.parse('2024-03-10T11:34:00Z'),
      endMs: Date.parse('2024-03-10T12:34:00Z'),
    });
  });

  it('uses the server\'s auto granularity rule', () => {
    const day = viewWindow({ range: '24h', start: null, end: null }, now);
    expect(statsGranularity(day, null)).toBe(21_600);
    expect(statsGranularity(viewWindow({ range: '1h', start: null, end: null }, now), null)).toBe(300);
    expect(statsGranularity(day, 3600)).toBe(3600);
  });

  it('keeps the aggregate view within 256 buckets', () => {
    const month = viewWindow({ range: '30d', start: null, end: null }, now);
    expect(aggregateBucketSeconds(month, 3600)).toBe(10_800);
    expect(aggregateBucketSeconds(month, 86_400)).toBe(86_400);
    expect(aggregateBucketSeconds(viewWindow({ range: '1h', start: null, end: null }, now), 300)).toBe(300);
  });

  it('flags windows the stats endpoint refuses', () => {
    expect(windowProblem({ startMs: 10, endMs: 10 })).toBe('order');
    expect(windowProblem({ startMs: 0, endMs: 32 * 86_400_000 })).toBe('too-long');
    expect(windowProblem({ startMs: 0, endMs: 31 * 86_400_000 })).toBeNull();
  });
});
