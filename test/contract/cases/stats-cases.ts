// /feedback/stats behaviour: local-time buckets across DST changes, value extraction by type,
// filters, and the shape-only answer to a valid request.
import { expect } from 'vitest';
import type { SeedRow } from '../targets/seed-row.js';
import type { ContractCase } from './contract-case.js';

function custom(project: string, createdAt: string, payload: Record<string, unknown>, extra: Partial<SeedRow> = {}): SeedRow {
  return { project_id: project, weave_ref: `weave:///${project}/call/c`, feedback_type: 'custom', payload, created_at: createdAt, wb_user_id: 'alice', ...extra };
}

const SPRING = 'acme/stats-spring';
const FALL = 'acme/stats-fall';
const VALUES = 'acme/stats-values';
const FILTERS = 'acme/stats-filters';
const OVERFLOW = 'acme/stats-overflow';

const valueRows = [0.5, '0.7', true, false, null, { a: 1 }, [1], 3, 'abc', undefined].map((v, i) =>
  custom(VALUES, `2024-06-01T00:${String(10 + i)}:00Z`, v === undefined ? { other: 1 } : { n: v, b: v, c: v }),
);

const MONITOR = (name: string) => `weave:///${FILTERS}/object/${name}:v1`;

export const statsCases: ContractCase[] = [
  {
    name: 'stats: a valid request answers 200 with a body that fits the schema',
    targets: 'all',
    request: {
      path: '/feedback/stats',
      body: { project_id: 'acme/stats-shape', start: '2024-06-01T00:00:00Z', end: '2024-06-01T06:00:00Z', metrics: [{ json_path: 'output.score', percentiles: [95] }] },
    },
    expect: { status: 200 },
  },
  {
    name: 'stats: daily New York buckets across spring-forward (a 23-hour day)',
    targets: 'stateful',
    seed: [
      custom(SPRING, '2024-03-09T04:59:59.999Z', { score: 9 }), // before start: never counts
      custom(SPRING, '2024-03-09T05:00:00.000Z', { score: 0.2 }), // local Mar 9 00:00 EST
      custom(SPRING, '2024-03-10T04:59:59.999Z', { score: 0.4 }), // local Mar 9 23:59:59.999
      custom(SPRING, '2024-03-10T05:00:00.000Z', { score: 0.6 }), // local Mar 10 00:00 EST
      custom(SPRING, '2024-03-11T03:59:59.999Z', { score: 0.8 }), // local Mar 10 23:59:59.999 EDT
      custom(SPRING, '2024-03-11T04:00:00.000Z', { score: 1 }), // local Mar 11 00:00 EDT
      custom(SPRING, '2024-03-12T04:00:00.000Z', { score: 9 }), // = end: excluded
    ],
    request: {
      path: '/feedback/stats',
      body: {
        project_id: SPRING,
        start: '2024-03-09T05:00:00Z',
        end: '2024-03-12T04:00:00Z',
        granularity: 86400,
        timezone: 'America/New_York',
        metrics: [{ json_path: 'score', aggregations: ['count', 'sum', 'min', 'max'], percentiles: [50] }],
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
          { timestamp: '2024-03-09T00:00:00-05:00', count_score: 2, sum_score: 0.6, min_score: 0.2, max_score: 0.4, p50_score: 0.3, count: 2 },
          { timestamp: '2024-03-10T00:00:00-05:00', count_score: 2, sum_score: 1.4, min_score: 0.6, max_score: 0.8, p50_score: 0.7, count: 2 },
          { timestamp: '2024-03-11T00:00:00-04:00', count_score: 1, sum_score: 1, min_score: 1, max_score: 1, p50_score: 1, count: 1 },
        ],
        window_stats: { score: { count: 5, sum: 3, min: 0.2, max: 1, p50: 0.6 } },
      },
    },
  },
  {
    name: 'stats: hourly New York buckets across fall-back (the repeated hour is one bucket)',
    targets: 'stateful',
    seed: [
      custom(FALL, '2024-11-03T05:30:00Z', {}), // 01:30 EDT
      custom(FALL, '2024-11-03T06:30:00Z', {}), // 01:30 EST
      custom(FALL, '2024-11-03T07:15:00Z', {}), // 02:15 EST
    ],
    request: { path: '/feedback/stats', body: { project_id: FALL, start: '2024-11-03T04:00:00Z', end: '2024-11-03T08:00:00Z', granularity: 3600, timezone: 'America/New_York' } },
    expect: {
      status: 200,
      body: {
        start: '2024-11-03T04:00:00.000Z',
        end: '2024-11-03T08:00:00.000Z',
        granularity: 3600,
        timezone: 'America/New_York',
        buckets: [
          { timestamp: '2024-11-03T00:00:00-04:00', count: 0 },
          { timestamp: '2024-11-03T01:00:00-04:00', count: 2 },
          { timestamp: '2024-11-03T02:00:00-05:00', count: 1 },
        ],
        window_stats: null,
      },
    },
  },
  {
    name: 'stats: numeric, boolean and categorical extraction take only their own JSON types',
    targets: 'stateful',
    seed: valueRows,
    request: {
      path: '/feedback/stats',
      body: {
        project_id: VALUES,
        start: '2024-06-01T00:00:00Z',
        end: '2024-06-01T01:00:00Z',
        granularity: 3600,
        metrics: [
          { json_path: 'n', value_type: 'numeric', aggregations: ['count', 'sum', 'avg', 'min', 'max'] },
          { json_path: 'b', value_type: 'boolean', aggregations: ['count', 'count_true', 'count_false'] },
          { json_path: 'c', value_type: 'categorical', aggregations: ['count', 'min', 'max'] },
        ],
      },
    },
    expect: {
      status: 200,
      body: {
        start: '2024-06-01T00:00:00.000Z',
        end: '2024-06-01T01:00:00.000Z',
        granularity: 3600,
        timezone: 'UTC',
        buckets: [
          { timestamp: '2024-06-01T00:00:00Z', count_n: 2, sum_n: 3.5, avg_n: 1.75, min_n: 0.5, max_n: 3, count_b: 2, count_true_b: 1, count_false_b: 1, count_c: 6, min_c: '0.5', max_c: 'true', count: 10 },
        ],
        window_stats: {
          n: { count: 2, sum: 3.5, avg: 1.75, min: 0.5, max: 3 },
          b: { count: 2, count_true: 1, count_false: 1 },
          c: { count: 6, min: '0.5', max: 'true' },
        },
      },
    },
  },
  {
    name: 'stats: feedback_type is exact, trigger_ref ending in :* is a prefix',
    targets: 'stateful',
    seed: [
      custom(FILTERS, '2024-06-01T00:01:00Z', { s: 1 }, { feedback_type: 'wandb.agent_monitor', runnable_ref: MONITOR('judge'), call_ref: `weave:///${FILTERS}/call/c1`, trigger_ref: MONITOR('mon') }),
      custom(FILTERS, '2024-06-01T00:02:00Z', { s: 2 }, { feedback_type: 'wandb.agent_monitor', runnable_ref: MONITOR('judge'), call_ref: `weave:///${FILTERS}/call/c2`, trigger_ref: MONITOR('monday') }),
      custom(FILTERS, '2024-06-01T00:03:00Z', { s: 4 }, { feedback_type: 'wandb.agent_monitor', runnable_ref: MONITOR('judge'), call_ref: `weave:///${FILTERS}/call/c3`, trigger_ref: MONITOR('other') }),
      custom(FILTERS, '2024-06-01T00:04:00Z', { s: 8 }, { feedback_type: 'wandb.agent_monitor_x' }),
    ],
    before: [
      {
        request: { path: '/feedback/stats', body: { project_id: FILTERS, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', feedback_type: 'wandb.agent_monitor', trigger_ref: `weave:///${FILTERS}/object/mon:v1`, metrics: [{ json_path: 's', aggregations: ['sum'] }] } },
        expect: { status: 200, check: (body) => expectWindowSum(body, 1) },
      },
    ],
    request: { path: '/feedback/stats', body: { project_id: FILTERS, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', feedback_type: 'wandb.agent_monitor', trigger_ref: `weave:///${FILTERS}/object/mon:*`, metrics: [{ json_path: 's', aggregations: ['sum'] }] } },
    expect: { status: 200, check: (body) => expectWindowSum(body, 3) },
  },
  {
    name: 'stats: a sum or average beyond the float range is a 400 that says so; min/max of the same values answer',
    targets: 'stateful',
    seed: [custom(OVERFLOW, '2024-06-01T00:01:00Z', { x: 1e308 }), custom(OVERFLOW, '2024-06-01T00:02:00Z', { x: 1e308 })],
    before: [
      {
        request: { path: '/feedback/stats', body: { project_id: OVERFLOW, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', metrics: [{ json_path: 'x', aggregations: ['min', 'max', 'count'] }] } },
        expect: { status: 200, check: (body) => expect((body as { window_stats?: unknown }).window_stats).toEqual({ x: { min: 1e308, max: 1e308, count: 2 } }) },
      },
      {
        request: { path: '/feedback/stats', body: { project_id: OVERFLOW, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', metrics: [{ json_path: 'x', aggregations: ['avg'] }] } },
        expect: { status: 400, check: expectOverflowReason },
      },
    ],
    request: { path: '/feedback/stats', body: { project_id: OVERFLOW, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z', metrics: [{ json_path: 'x', aggregations: ['sum'] }] } },
    expect: { status: 400, check: expectOverflowReason },
  },
];

function expectOverflowReason(body: unknown): void {
  expect(body).toEqual({ reason: expect.stringMatching(/64-bit float/), error_type: 'InvalidRequest' });
}

function expectWindowSum(body: unknown, sum: number): void {
  expect((body as { window_stats?: unknown }).window_stats).toEqual({ s: { sum } });
}
