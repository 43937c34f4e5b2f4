// /feedback/stats `top_values` (our extension, docs/semantics.md): the window's most frequent values
// of a categorical metric counted per local-time bucket and in total, plus `other`; its schema
// bounds (422, Prism too), its 400 off categorical metrics, and its share of the answer-size bound.
import type { SeedRow } from '../targets/seed-row.js';
import type { ContractCase } from './contract-case.js';

const DST = 'acme/stats-top-dst';
const STATS = { project_id: 'acme/stats-top-rules', start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
const verdict = (top_values: unknown, value_type = 'categorical'): Record<string, unknown> => ({ json_path: 'verdict', value_type, top_values });

function row(createdAt: string, payload: Record<string, unknown>, feedbackType = 'custom'): SeedRow {
  return { project_id: DST, weave_ref: `weave:///${DST}/call/c`, feedback_type: feedbackType, payload, created_at: createdAt, wb_user_id: 'alice' };
}

export const statsTopValuesCases: ContractCase[] = [
  {
    name: 'stats top_values: a valid request answers 200 with a body that fits the schema',
    targets: 'all',
    request: { path: '/feedback/stats', body: { ...STATS, metrics: [verdict(5)] } },
    expect: { status: 200 },
  },
  {
    name: 'stats top_values: outside 1..50 or not an integer is a 422',
    targets: 'all',
    before: [
      { request: { path: '/feedback/stats', body: { ...STATS, metrics: [verdict(0)] } }, expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'top_values'], type: 'greater_than_equal' }] } },
      { request: { path: '/feedback/stats', body: { ...STATS, metrics: [verdict(51)] } }, expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'top_values'], type: 'less_than_equal' }] } },
    ],
    request: { path: '/feedback/stats', body: { ...STATS, metrics: [verdict('5')] } },
    expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'top_values'], type: 'type_error' }] },
  },
  {
    name: 'stats top_values: on a numeric (the default) or boolean metric is a 400',
    targets: 'stateful',
    before: [{ request: { path: '/feedback/stats', body: { ...STATS, metrics: [{ json_path: 'verdict', top_values: 3 }] } }, expect: { status: 400, errorType: 'InvalidRequest' } }],
    request: { path: '/feedback/stats', body: { ...STATS, metrics: [verdict(3, 'boolean')] } },
    expect: { status: 400, errorType: 'InvalidRequest' },
  },
  {
    // 8,929 five-minute buckets: one categorical count is 26,788 values, with top 50 it is 482,269.
    name: 'stats top_values: its counts are part of the answer-size bound',
    targets: 'stateful',
    before: [{ request: { path: '/feedback/stats', body: { ...STATS, end: '2024-07-02T00:00:00Z', granularity: 300, metrics: [verdict(1)] } }, expect: { status: 200 } }],
    request: { path: '/feedback/stats', body: { ...STATS, end: '2024-07-02T00:00:00Z', granularity: 300, metrics: [verdict(50)] } },
    expect: { status: 400, errorType: 'InvalidRequest' },
  },
  {
    // Window after the feedback_type filter: bad 3, good 3 (a tie: 'bad' first by code point), then
    // meh and 1 (a number, as its JSON text) in `other`. Unfiltered, good would lead with 4.
    name: 'stats top_values: daily New York buckets across spring-forward, ties by code point, the filters applied',
    targets: 'stateful',
    seed: [
      row('2024-03-09T04:59:59.999Z', { verdict: 'good' }), // before start: never counts
      row('2024-03-09T05:00:00.000Z', { verdict: 'good' }), // local Mar 9 00:00 EST
      row('2024-03-09T12:00:00.000Z', { verdict: 'bad' }),
      row('2024-03-10T04:59:59.999Z', { verdict: 'good' }), // local Mar 9 23:59:59.999
      row('2024-03-10T05:00:00.000Z', { verdict: 'bad' }), // local Mar 10 00:00 EST
      row('2024-03-10T08:00:00.000Z', { verdict: 'meh' }), // local Mar 10 04:00 EDT
      row('2024-03-11T03:59:59.999Z', { verdict: 'bad' }), // local Mar 10 23:59:59.999 EDT
      row('2024-03-11T04:00:00.000Z', { verdict: 'good' }), // local Mar 11 00:00 EDT
      row('2024-03-11T05:00:00.000Z', { verdict: 1 }),
      row('2024-03-11T06:00:00.000Z', { verdict: 'good' }, 'custom.other'), // filtered out
      row('2024-03-11T07:00:00.000Z', { note: 'no verdict' }),
      row('2024-03-12T04:00:00.000Z', { verdict: 'good' }), // = end: excluded
    ],
    request: {
      path: '/feedback/stats',
      body: {
        project_id: DST,
        start: '2024-03-09T05:00:00Z',
        end: '2024-03-12T04:00:00Z',
        granularity: 86400,
        timezone: 'America/New_York',
        feedback_type: 'custom',
        metrics: [verdict(2)],
      },
    },
    expect: {
      status: 200,
      body: {
        start: '2024-03-09T05:00:00.000Z',
        end: '2024-03-12T04:00:00.000Z',
        granularity: 86400,
        timezone: 'America/New_York',
        buckets: [
          { timestamp: '2024-03-09T00:00:00-05:00', count_verdict: 3, count: 3 },
          { timestamp: '2024-03-10T00:00:00-05:00', count_verdict: 3, count: 3 },
          { timestamp: '2024-03-11T00:00:00-04:00', count_verdict: 2, count: 3 },
        ],
        window_stats: { verdict: { count: 8 } },
        top_values: {
          verdict: {
            values: ['bad', 'good'],
            window: { counts: [3, 3], other: 2 },
            buckets: [
              { counts: [1, 2], other: 0 },
              { counts: [2, 0], other: 1 },
              { counts: [0, 1], other: 1 },
            ],
          },
        },
      },
    },
  },
];
