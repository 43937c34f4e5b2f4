// 422s (schema and the cross-field rules marked 422) compared by `loc` and `type`; 400s for the
// rules marked 400; 413 over the body limit; 415 for a body that is not JSON.
import type { ContractCase } from './contract-case.js';

const P = 'acme/validation';
const STATS = { project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
const AGG = { project_id: P, after_ms: 1_717_200_000_000, before_ms: 1_717_203_600_000 };
const CREATE = { project_id: P, weave_ref: `weave:///${P}/call/c1`, feedback_type: 'custom', payload: {} };

function stats400(name: string, body: Record<string, unknown>): ContractCase {
  return { name, targets: 'stateful', request: { path: '/feedback/stats', body: { ...STATS, ...body } }, expect: { status: 400, errorType: 'InvalidRequest' } };
}

export const validationCases: ContractCase[] = [
  {
    name: '422: a missing required field',
    targets: 'all',
    request: { path: '/feedback/create', body: { project_id: P, weave_ref: 'x', feedback_type: 'custom' } },
    expect: { status: 422, detail: [{ loc: ['body', 'payload'], type: 'missing' }] },
  },
  {
    name: '422: an unknown top-level field',
    targets: 'all',
    request: { path: '/feedback/create', body: { ...CREATE, zzz: 1 } },
    expect: { status: 422, detail: [{ loc: ['body', 'zzz'], type: 'extra_forbidden' }] },
  },
  {
    name: '422: an unknown nested field, a mistyped field and a bad enum',
    targets: 'all',
    before: [
      { request: { path: '/feedback/stats', body: { ...STATS, metrics: [{ json_path: 'a', extra: 1 }] } }, expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'extra'], type: 'extra_forbidden' }] } },
      { request: { path: '/feedback/stats', body: { ...STATS, granularity: 'hourly' } }, expect: { status: 422, detail: [{ loc: ['body', 'granularity'], type: 'type_error' }] } },
    ],
    request: { path: '/feedback/stats', body: { ...STATS, metrics: [{ json_path: 'a', value_type: 'nope' }] } },
    expect: { status: 422, detail: [{ loc: ['body', 'metrics', 0, 'value_type'], type: 'enum' }] },
  },
  {
    // Validation stops at the first failure, so a body of a million bad items costs no more
    // than one: the 422 lists that one location.
    name: '422: a body with several failures reports the first one only',
    targets: 'all',
    request: { path: '/feedback/stats', body: { ...STATS, granularity: 'hourly', metrics: [{ json_path: 'a', extra: 1, value_type: 'nope' }] } },
    expect: { status: 422, detail: [{ loc: ['body', 'granularity'], type: 'type_error' }] },
  },
  {
    name: '422: mistyped fields of create',
    targets: 'all',
    before: [{ request: { path: '/feedback/create', body: { ...CREATE, weave_ref: 5 } }, expect: { status: 422, detail: [{ loc: ['body', 'weave_ref'], type: 'type_error' }] } }],
    request: { path: '/feedback/create', body: { ...CREATE, payload: [] } },
    expect: { status: 422, detail: [{ loc: ['body', 'payload'], type: 'type_error' }] },
  },
  {
    name: '422: project_id pattern and date-time format',
    targets: 'all',
    before: [{ request: { path: '/feedback/stats', body: { ...STATS, project_id: 'acme' } }, expect: { status: 422, detail: [{ loc: ['body', 'project_id'], type: 'string_pattern_mismatch' }] } }],
    request: { path: '/feedback/stats', body: { ...STATS, start: 'yesterday' } },
    expect: { status: 422, detail: [{ loc: ['body', 'start'], type: 'format_error' }] },
  },
  {
    name: '422: aggregate bounds, integer type and group_by enum',
    targets: 'all',
    before: [
      { request: { path: '/feedback/aggregate', body: { ...AGG, after_ms: -1 } }, expect: { status: 422, detail: [{ loc: ['body', 'after_ms'], type: 'greater_than_equal' }] } },
      { request: { path: '/feedback/aggregate', body: { ...AGG, before_ms: 1.5 } }, expect: { status: 422, detail: [{ loc: ['body', 'before_ms'], type: 'type_error' }] } },
    ],
    request: { path: '/feedback/aggregate', body: { ...AGG, group_by: ['nope'] } },
    expect: { status: 422, detail: [{ loc: ['body', 'group_by', 0], type: 'enum' }] },
  },
  {
    name: '422: malformed JSON',
    targets: 'stateful',
    request: { path: '/feedback/stats', rawBody: '{"project_id":' },
    expect: { status: 422, detail: [{ loc: ['body'], type: 'json_invalid' }] },
  },
  {
    name: '422: before_ms not after after_ms',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { ...AGG, before_ms: AGG.after_ms } },
    expect: { status: 422, detail: [{ loc: ['body', 'before_ms'], type: 'value_error' }] },
  },
  {
    name: '422: more than 256 aggregate buckets',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { ...AGG, time_bucket_seconds: 14 } },
    expect: { status: 422, detail: [{ loc: ['body', 'time_bucket_seconds'], type: 'value_error' }] },
  },
  {
    name: '422: stats end before start',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: { ...STATS, end: '2024-05-31T23:59:59.999Z' } },
    expect: { status: 422, detail: [{ loc: ['body', 'end'], type: 'value_error' }] },
  },
  {
    name: '422: a stats window over 31 days',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: { ...STATS, end: '2024-07-02T00:00:00.001Z' } },
    expect: { status: 422, detail: [{ loc: ['body', 'end'], type: 'value_error' }] },
  },
  stats400('400: an unknown time zone', { timezone: 'Mars/Olympus_Mons' }),
  stats400('400: an empty json_path', { metrics: [{ json_path: '' }] }),
  stats400('400: a json_path with a leading dot', { metrics: [{ json_path: '.score' }] }),
  stats400('400: a json_path with a trailing dot', { metrics: [{ json_path: 'score.' }] }),
  stats400('400: a json_path with a double dot', { metrics: [{ json_path: 'output..score' }] }),
  stats400('400: a json_path with array indexing', { metrics: [{ json_path: 'scores[0]' }] }),
  stats400('400: a percentile over 100', { metrics: [{ json_path: 'score', percentiles: [100.5] }] }),
  stats400('400: sum of a categorical metric', { metrics: [{ json_path: 'label', value_type: 'categorical', aggregations: ['sum'] }] }),
  {
    name: '413: a request body over the 2 MiB body limit',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: { ...STATS, feedback_type: 'x'.repeat(2 * 1024 * 1024) } },
    expect: { status: 413, errorType: 'PayloadTooLarge' },
  },
  {
    name: '415: a body that is not application/json',
    targets: 'all',
    request: { path: '/feedback/stats', rawBody: 'project_id=acme/validation', contentType: 'text/plain' },
    expect: { status: 415, errorType: 'UnsupportedMediaType' },
  },
  {
    name: '415: a JSON body in a charset or an encoding both sides cannot decode alike (utf-7, utf-32, br, zstd)',
    targets: 'stateful',
    before: [
      { request: { path: '/feedback/stats', body: STATS, contentType: 'application/json; charset=utf-7' }, expect: { status: 415, errorType: 'UnsupportedMediaType' } },
      { request: { path: '/feedback/stats', body: STATS, contentType: 'application/json; charset=utf-32' }, expect: { status: 415, errorType: 'UnsupportedMediaType' } },
      { request: { path: '/feedback/stats', body: STATS, contentEncoding: 'br' }, expect: { status: 415, errorType: 'UnsupportedMediaType' } },
    ],
    request: { path: '/feedback/stats', body: STATS, contentEncoding: 'zstd' },
    expect: { status: 415, errorType: 'UnsupportedMediaType' },
  },
  {
    name: 'gzip- and deflate-encoded bodies are read',
    targets: 'stateful',
    before: [{ request: { path: '/feedback/stats', body: STATS, contentEncoding: 'gzip' }, expect: { status: 200 } }],
    request: { path: '/feedback/stats', body: STATS, contentEncoding: 'deflate' },
    expect: { status: 200 },
  },
];
