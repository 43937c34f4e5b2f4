import type { FeedbackStatsRes } from '@feedback/api-types';
import { describe, expect, it } from 'vitest';
import { volumeCsv, panelCsv } from './chart-csv.js';
import { booleanSeries, categoricalSeries, coverage, numericSeries, OTHER_VALUES, volumeSeries, windowCards } from './stats-series.js';
import { metricSpec, statsRequest } from './stats-request.js';

// Three hourly New York buckets: values, an empty bucket, and rows without a value at the path.
const answer: FeedbackStatsRes = {
  start: '2024-03-10T05:00:00.000Z',
  end: '2024-03-10T08:00:00.000Z',
  granularity: 3600,
  timezone: 'America/New_York',
  buckets: [
    { timestamp: '2024-03-10T00:00:00-05:00', count: 3, avg_output_score: 0.5, p50_output_score: 0.4, p95_output_score: 0.9, min_output_score: 0.1, max_output_score: 1, count_output_score: 3, count_true_output_ok: 2, count_false_output_ok: 1, count_output_label: 3, min_output_label: 'bad', max_output_label: 'good' },
    { timestamp: '2024-03-10T01:00:00-05:00', count: 0, avg_output_score: null, p50_output_score: null, p95_output_score: null, min_output_score: null, max_output_score: null, count_output_score: 0, count_true_output_ok: 0, count_false_output_ok: 0, count_output_label: 0, min_output_label: null, max_output_label: null },
    { timestamp: '2024-03-10T03:00:00-04:00', count: 2, avg_output_score: null, p50_output_score: null, p95_output_score: null, min_output_score: null, max_output_score: null, count_output_score: 0, count_true_output_ok: 0, count_false_output_ok: 2, count_output_label: 1, min_output_label: 'ok, "fine"', max_output_label: 'ok, "fine"' },
  ],
  window_stats: { output_score: { avg: 0.5, p50: 0.4 }, output_ok: { count_true: 2, count_false: 3 }, output_label: { count: 4 } },
};

describe('stats answers → series', () => {
  it('places buckets at their instants, across the spring-forward change', () => {
    const s = volumeSeries(answer);
    expect(s.times).toEqual([Date.parse('2024-03-10T05:00:00Z'), Date.parse('2024-03-10T06:00:00Z'), Date.parse('2024-03-10T07:00:00Z')]);
  });

  it('draws an empty bucket as a gap, not as zero', () => {
    const s = volumeSeries(answer);
    expect(s.rows).toEqual([3, null, 2]);
    expect(coverage(s.rows)).toEqual({ points: 2, gaps: 1 });
  });

  it('gives a numeric panel its average line and p50–p95 band, with gaps where no value was found', () => {
    const s = numericSeries(answer, 'output.score');
    expect(s.avg).toEqual([0.5, null, null]);
    expect(s.p50).toEqual([0.4, null, null]);
    expect(s.p95).toEqual([0.9, null, null]);
    expect([s.min[0], s.max[0]]).toEqual([0.1, 1]);
    expect(s.count).toEqual([3, null, null]);
    expect(coverage(s.avg)).toEqual({ points: 1, gaps: 2 });
  });

  it('computes a pass rate from the true and false counts, null where neither occurs', () => {
    const s = booleanSeries(answer, 'output.ok');
    expect(s.passRate).toEqual([2 / 3, null, 0]);
    expect(s.passed).toEqual([2, null, 0]);
    expect(s.failed).toEqual([1, null, 2]);
  });

  it('counts categorical values per bucket', () => {
    const s = categoricalSeries(answer, 'output.label');
    expect(s.count).toEqual([3, null, 1]);
    expect(s.min).toEqual(['bad', null, 'ok, "fine"']);
  });

  it('lists window totals per panel, in panel order, skipping metrics the answer lacks', () => {
    expect(windowCards(answer, ['output.ok', 'output.score', 'missing'])).toEqual([
      { metric: 'output.ok', values: [['count_true', 2], ['count_false', 3]] },
      { metric: 'output.score', values: [['avg', 0.5], ['p50', 0.4]] },
    ]);
  });
});

describe('categorical values per bucket (top_values)', () => {
  const withTop: FeedbackStatsRes = {
    ...answer,
    top_values: {
      output_label: {
        values: ['good', 'bad'],
        window: { counts: [2, 1], other: 1 },
        buckets: [
          { counts: [2, 1], other: 0 },
          { counts: [0, 0], other: 0 },
          { counts: [0, 0], other: 1 },
        ],
      },
    },
  };

  it('gives each top value a column, other last, and a bucket without values a gap', () => {
    expect(categoricalSeries(withTop, 'output.label').top).toEqual({
      labels: ['good', 'bad', OTHER_VALUES],
      counts: [
        [2, null, 0],
        [1, null, 0],
        [0, null, 1],
      ],
    });
  });

  it('leaves other out when no other value occurred, and top out when the answer has none', () => {
    const noOther = structuredClone(withTop);
    const entry = noOther.top_values?.['output_label'];
    if (entry) entry.window.other = 0;
    expect(categoricalSeries(noOther, 'output.label').top?.labels).toEqual(['good', 'bad']);
    expect(categoricalSeries(answer, 'output.label').top).toBeNull();
  });

  it('adds the window counts to the card and a column per value to the CSV', () => {
    expect(windowCards(withTop, ['output.label'])[0]?.top).toEqual([['good', 2], ['bad', 1], [OTHER_VALUES, 1]]);
    const lines = panelCsv(withTop, { kind: 'categorical', path: 'output.label' }, 'UTC').split('\r\n');
    expect(lines[0]).toBe('timestamp,local_time (UTC),count,min,max,count: good,count: bad,count: (other)');
    expect(lines[2]).toBe('2024-03-10T01:00:00-05:00,2024-03-10 06:00,,,,,,');
  });
});

describe('CSV of a chart', () => {
  it('writes the API timestamp, the local time and the values, empty cells for gaps', () => {
    expect(panelCsv(answer, { kind: 'numeric', path: 'output.score' }, 'America/New_York')).toBe(
      'timestamp,local_time (America/New_York),count,avg,p50,p95,min,max\r\n' +
        '2024-03-10T00:00:00-05:00,2024-03-10 00:00,3,0.5,0.4,0.9,0.1,1\r\n' +
        '2024-03-10T01:00:00-05:00,2024-03-10 01:00,,,,,,\r\n' +
        '2024-03-10T03:00:00-04:00,2024-03-10 03:00,,,,,,\r\n',
    );
  });

  it('quotes a value holding a comma or a quote', () => {
    expect(panelCsv(answer, { kind: 'categorical', path: 'output.label' }, 'UTC').split('\r\n')[3]).toBe(
      '2024-03-10T03:00:00-04:00,2024-03-10 07:00,1,"ok, ""fine""","ok, ""fine"""',
    );
  });

  it('keeps the true row count, 0 included, in the volume CSV', () => {
    expect(volumeCsv(answer, 'UTC').split('\r\n').slice(1, 4).map((l) => l.split(',')[2])).toEqual(['3', '0', '2']);
  });
});

describe('the stats request', () => {
  it('asks each panel kind for what its chart draws', () => {
    expect(metricSpec({ kind: 'numeric', path: 'output.score' })).toEqual({
      json_path: 'output.score',
      value_type: 'numeric',
      aggregations: ['avg', 'min', 'max', 'count'],
      percentiles: [50, 95],
    });
    expect(metricSpec({ kind: 'boolean', path: 'ok' }).aggregations).toEqual(['count_true', 'count_false']);
    expect(metricSpec({ kind: 'categorical', path: 'label' })).toMatchObject({ value_type: 'categorical', top_values: 6 });
  });

  it('sends the window as UTC instants, the zone and the feedback_type filter only when set', () => {
    const base = { project: 'acme/bot', window: { startMs: 0, endMs: 3_600_000 }, granularity: 300, timeZone: 'Asia/Kolkata', panels: [] };
    expect(statsRequest({ ...base, feedbackType: '' })).toEqual({
      project_id: 'acme/bot',
      start: '1970-01-01T00:00:00.000Z',
      end: '1970-01-01T01:00:00.000Z',
      granularity: 300,
      timezone: 'Asia/Kolkata',
      metrics: [],
    });
    expect(statsRequest({ ...base, feedbackType: 'wandb.reaction.1' }).feedback_type).toBe('wandb.reaction.1');
  });
});
