// Numbers and grids at the edges (SEMANTICS §5), for the server and the fake alike: overflowing
// payload numbers, averages and percentiles near the ends of the float range, bucket keys outside
// years 0001–9999, empty stats filter strings, and aggregate buckets longer than the data's age.
import { expect } from 'vitest';
import type { SeedRow } from '../targets/seed-row.js';
import type { ContractCase } from './contract-case.js';

const MAX = Number.MAX_VALUE;
const CREATE = 'acme/edge-create';
const VALUES = 'acme/edge-values';
const GRID = 'acme/edge-grid';
const FILTERS = 'acme/edge-filters';
const BUCKETS = 'acme/edge-buckets';

function custom(project: string, createdAt: string, payload: Record<string, unknown>, extra: Partial<SeedRow> = {}): SeedRow {
  return { project_id: project, weave_ref: `weave:///${project}/call/c`, feedback_type: 'custom', payload, created_at: createdAt, wb_user_id: 'alice', ...extra };
}

const createText = (payloadJson: string): string =>
  `{"project_id":"${CREATE}","weave_ref":"weave:///${CREATE}/call/c","feedback_type":"custom","payload":${payloadJson}}`;

function expectReason(pattern: RegExp): (body: unknown) => void {
  return (body) => expect(body).toEqual({ reason: expect.stringMatching(pattern), error_type: 'InvalidRequest' });
}

// 1e12 ms = 2001-09-09T01:46:40Z, a boundary of 1e9-second buckets.
const BOUNDARY = 1_000_000_000_000;
const bucketRows = [BOUNDARY - 1, BOUNDARY, BOUNDARY + 1000].map((ms) => custom(BUCKETS, new Date(ms).toISOString(), {}));
const bucketRequest = (seconds: number) => ({
  path: '/feedback/aggregate' as const,
  body: { project_id: BUCKETS, after_ms: BOUNDARY - 60_000, before_ms: BOUNDARY + 60_000, time_bucket_seconds: seconds },
});
const bucketStarts = (expected: [number, number][]) => (body: unknown) =>
  expect((body as { buckets: { time_bucket_start_ms: number; total_count: number }[] }).buckets.map((b) => [b.time_bucket_start_ms, b.total_count])).toEqual(expected);

const statsWindow = { start: '2024-06-01T00:00:00Z', end: '2024-06-01T02:00:00Z', granularity: 3600 };

export const numberEdgeCases: ContractCase[] = [
  {
    name: 'edges: a payload number beyond the float range is a 400 naming its path, never a stored null',
    targets: 'stateful',
    request: { path: '/feedback/create', rawBody: createText('{"ok": 1, "scores": [0.5, 1e400]}') },
    expect: { status: 400, check: expectReason(/^Number out of range at payload\.scores\[1\]: JSON numbers must fit a 64-bit float/) },
  },
  {
    name: 'edges: the largest finite payload numbers are stored as sent, an underflowing one as 0',
    targets: 'stateful',
    request: { path: '/feedback/create', rawBody: createText('{"max": 1.7976931348623157e308, "min": -1.7976931348623157e308, "under": -1e-400}') },
    expect: { status: 200, check: (body) => expect((body as { payload: unknown }).payload).toEqual({ max: MAX, min: -MAX, under: 0 }) },
  },
  {
    name: 'edges: an overflowing number outside the payload fails the schema (422), in every request',
    targets: 'stateful',
    before: [
      {
        request: { path: '/feedback/stats', rawBody: '{"project_id":"acme/edge-create","start":"2024-06-01T00:00:00Z","metrics":[{"json_path":"x","percentiles":[1e400]}]}' },
        expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'percentiles', 0], type: 'type_error' }] },
      },
      {
        request: { path: '/feedback/aggregate', rawBody: '{"project_id":"acme/edge-create","after_ms":0,"before_ms":1000,"rating_min":-1e400}' },
        expect: { status: 422, detail: [{ loc: ['body', 'rating_min'], type: 'type_error' }] },
      },
    ],
    request: {
      path: '/feedback/create',
      rawBody: `{"project_id":"${CREATE}","weave_ref":"weave:///${CREATE}/call/c","feedback_type":"wandb.runnable.s","runnable_ref":"weave:///${CREATE}/object/s:v1","payload":{"output":1},"scorer_ratings":{"_rating_":1e400}}`,
    },
    expect: { status: 422, detail: [{ loc: ['body', 'scorer_ratings', '_rating_'], type: 'type_error' }] },
  },
  {
    name: 'edges: avg of 2e155 and 0 is 1e155; p50 between the ends of the float range is 0',
    targets: 'stateful',
    seed: [
      custom(VALUES, '2024-06-01T00:10:00Z', { x: 2e155 }),
      custom(VALUES, '2024-06-01T00:20:00Z', { x: 0 }),
      custom(VALUES, '2024-06-01T01:10:00Z', { x: -MAX }),
      custom(VALUES, '2024-06-01T01:20:00Z', { x: MAX }),
    ],
    before: [
      {
        request: { path: '/feedback/stats', body: { project_id: VALUES, ...statsWindow, metrics: [{ json_path: 'x', aggregations: ['avg', 'sum'] }] } },
        // hour 1 sums to 0; the window's running sum passes 2e155 − 1.8e308 + 1.8e308 = 2e155
        expect: { status: 200, check: (body) => expect((body as { buckets: unknown[] }).buckets.map((b) => (b as { avg_x: unknown }).avg_x)).toEqual([1e155, 0]) },
      },
    ],
    request: { path: '/feedback/stats', body: { project_id: VALUES, ...statsWindow, metrics: [{ json_path: 'x', aggregations: ['count'], percentiles: [0, 50, 100] }] } },
    expect: {
      status: 200,
      body: {
        start: '2024-06-01T00:00:00.000Z',
        end: '2024-06-01T02:00:00.000Z',
        granularity: 3600,
        timezone: 'UTC',
        buckets: [
          { timestamp: '2024-06-01T00:00:00Z', count_x: 2, p0_x: 0, p50_x: 1e155, p100_x: 2e155, count: 2 },
          { timestamp: '2024-06-01T01:00:00Z', count_x: 2, p0_x: -MAX, p50_x: 0, p100_x: MAX, count: 2 },
        ],
        // sorted [-MAX, 0, 2e155, MAX]: p50 at position 1.5 = 0 + 0.5·2e155
        window_stats: { x: { count: 4, p0: -MAX, p50: 1e155, p100: MAX } },
      },
    },
  },
  {
    name: 'edges: a bucket grid that needs a key before year 0001 or after 9999 is a 400, never moved',
    targets: 'stateful',
    before: [
      {
        request: { path: '/feedback/stats', body: { project_id: GRID, start: '0000-12-31T00:00:00Z', end: '0000-12-31T06:00:00Z' } },
        expect: { status: 400, check: expectReason(/before year 0001/) },
      },
      {
        request: { path: '/feedback/stats', body: { project_id: GRID, start: '9999-12-31T00:00:00Z', end: '9999-12-31T23:00:00Z', timezone: 'Pacific/Kiritimati' } },
        expect: { status: 400, check: expectReason(/after year 9999/) },
      },
      {
        request: { path: '/feedback/stats', body: { project_id: GRID, start: '1970-01-01T00:00:00Z', end: '1970-01-01T01:00:00Z', granularity: 100_000_000_000 } },
        expect: { status: 200, check: (body) => expect((body as { buckets: unknown }).buckets).toEqual([{ timestamp: '1970-01-01T00:00:00Z', count: 0 }]) },
      },
    ],
    request: { path: '/feedback/stats', body: { project_id: GRID, start: '1969-12-31T23:00:00Z', end: '1970-01-01T01:00:00Z', granularity: 100_000_000_000 } },
    expect: { status: 400, check: expectReason(/^With granularity 100000000000 the bucket grid of this window needs a bucket beginning before year 0001/) },
  },
  {
    name: 'edges: empty feedback_type and trigger_ref strings filter nothing',
    targets: 'stateful',
    seed: [
      custom(FILTERS, '2024-06-01T00:10:00Z', {}),
      custom(FILTERS, '2024-06-01T00:20:00Z', {}, { feedback_type: 'wandb.agent_monitor', runnable_ref: `weave:///${FILTERS}/object/s:v1`, call_ref: `weave:///${FILTERS}/call/c`, trigger_ref: `weave:///${FILTERS}/object/mon:v1` }),
    ],
    before: [
      {
        request: { path: '/feedback/stats', body: { project_id: FILTERS, ...statsWindow, feedback_type: '' } },
        expect: { status: 200, check: (body) => expect((body as { buckets: { count: number }[] }).buckets.map((b) => b.count)).toEqual([2, 0]) },
      },
    ],
    request: { path: '/feedback/stats', body: { project_id: FILTERS, ...statsWindow, trigger_ref: '' } },
    expect: { status: 200, check: (body) => expect((body as { buckets: { count: number }[] }).buckets.map((b) => b.count)).toEqual([2, 0]) },
  },
  {
    name: 'edges: aggregate buckets of a billion seconds and more key rows exactly from the epoch',
    targets: 'stateful',
    seed: bucketRows,
    before: [
      { request: bucketRequest(1_000_000_000), expect: { status: 200, check: bucketStarts([[0, 1], [BOUNDARY, 2]]) } },
      { request: bucketRequest(1_000_000_001), expect: { status: 200, check: bucketStarts([[0, 2], [BOUNDARY + 1000, 1]]) } },
    ],
    request: bucketRequest(315_569_520_000),
    expect: { status: 200, check: bucketStarts([[0, 3]]) },
  },
];
