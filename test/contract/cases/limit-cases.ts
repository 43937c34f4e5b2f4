// The limits on one request's work: the schema's bounds on every field (422, Prism refuses them
// too) and the cost rules on what the fields multiply into — the values of a stats answer and
// the rows of an aggregate answer (400 naming the limit and how to narrow the query).
import { expect } from 'vitest';
import type { FeedbackAggregateRes, FeedbackStatsRes, FeedbackMetricSpec } from '@feedback/api-types';
import type { SeedRow } from '../targets/seed-row.js';
import type { CaseStep, ContractCase, Endpoint } from './contract-case.js';

const P = 'acme/limits';
const STATS = { project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
const AGG = { project_id: P, after_ms: 1_717_200_000_000, before_ms: 1_717_203_600_000 };
const CREATE = { project_id: P, weave_ref: `weave:///${P}/call/c1`, feedback_type: 'custom', payload: {} };
/** The last millisecond of year 9999, the largest after_ms / before_ms. */
const MAX_MS = 253_402_300_799_999;
/** 10,000 years of 365.2425 days, the largest granularity / time_bucket_seconds. */
const MAX_BUCKET_SECONDS = 315_569_520_000;

/** One 422 step: `body` refused at `loc` with `type`. */
function refused(path: Endpoint, body: unknown, loc: (string | number)[], type: string): CaseStep {
  return { request: { path, body }, expect: { status: 422, detail: [{ loc: ['body', ...loc], type }] } };
}

/** A case of several 422 steps, the last one as the main request. */
function refusals(name: string, steps: CaseStep[]): ContractCase {
  const last = steps[steps.length - 1];
  if (last === undefined) throw new Error(`${name}: no steps`);
  return { name, targets: 'all', before: steps.slice(0, -1), request: last.request, expect: last.expect };
}

const times = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const entries = (n: number, value: unknown): Record<string, unknown> => Object.fromEntries(times(n, (i) => `k${i}`).map((k) => [k, value]));

/** `n` numeric metrics of 6 outputs each: avg, min, max, p50, p90, p99. */
function dashboardMetrics(n: number): FeedbackMetricSpec[] {
  return times(n, (i) => `output.m${i}`).map((json_path) => ({ json_path, aggregations: ['avg', 'min', 'max'], percentiles: [50, 90, 99] }));
}

/** 3,000 printable ASCII characters, '/' among them: the project id that once reached PostgreSQL's index. */
const LONG_PROJECT_ID = times(3000, (i) => String.fromCharCode(33 + ((i * 7919) % 94))).join('');

const ROWS = 'acme/limit-rows';
const ROWS_T0 = Date.parse('2024-06-01T00:00:00Z');
/** 10,001 rows, one per agent name, one second apart: group_by span_agent_name gives 10,001 rows. */
const agentRows: SeedRow[] = times(10_001, (i) => `agent-${String(i).padStart(5, '0')}`).map((name, i) => ({
  project_id: ROWS,
  weave_ref: `weave:///${ROWS}/call/c${i}`,
  feedback_type: 'custom',
  payload: {},
  span_agent_name: name,
  created_at: new Date(ROWS_T0 + i * 1000).toISOString(),
  wb_user_id: 'alice',
}));

function expectNarrowingReason(body: unknown, limit: string, advice: RegExp): void {
  const reason = (body as { reason?: unknown }).reason;
  expect(reason).toEqual(expect.stringContaining(limit));
  expect(reason).toMatch(advice);
}

export const limitCases: ContractCase[] = [
  refusals('limits: project_id is at most 128 characters a part (257 in all)', [
    refused('/feedback/create', { ...CREATE, project_id: LONG_PROJECT_ID }, ['project_id'], 'string_too_long'),
    refused('/feedback/stats', { ...STATS, project_id: `${'e'.repeat(129)}/p` }, ['project_id'], 'string_pattern_mismatch'),
    refused('/feedback/aggregate', { ...AGG, project_id: `acme/${'p'.repeat(129)}` }, ['project_id'], 'string_pattern_mismatch'),
  ]),
  {
    name: 'limits: a project_id of two 128-character parts is accepted',
    targets: 'all',
    request: { path: '/feedback/stats', body: { ...STATS, project_id: `acme/${'p'.repeat(128)}` } },
    expect: { status: 200 },
  },
  refusals('limits: create refs, ids and names over their maxLength', [
    refused('/feedback/create', { ...CREATE, weave_ref: `weave:///${P}/call/${'c'.repeat(2048)}` }, ['weave_ref'], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, trigger_ref: 'r'.repeat(2049) }, ['trigger_ref'], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, id: 'i'.repeat(129) }, ['id'], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, feedback_type: 't'.repeat(257) }, ['feedback_type'], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, span_agent_name: 'a'.repeat(257) }, ['span_agent_name'], 'string_too_long'),
  ]),
  refusals('limits: scorer tags and the scorer maps are bounded in entries, keys and reason text', [
    refused('/feedback/create', { ...CREATE, scorer_tags: times(257, (i) => `t${i}`) }, ['scorer_tags'], 'too_long'),
    refused('/feedback/create', { ...CREATE, scorer_tags: ['t'.repeat(257)] }, ['scorer_tags', 0], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, scorer_ratings: entries(257, 0.5) }, ['scorer_ratings'], 'too_long'),
    refused('/feedback/create', { ...CREATE, scorer_ratings: { ['k'.repeat(257)]: 0.5 } }, ['scorer_ratings'], 'string_too_long'),
    refused('/feedback/create', { ...CREATE, scorer_tag_reasons: { t: 'r'.repeat(8193) } }, ['scorer_tag_reasons', 't'], 'string_too_long'),
  ]),
  refusals('limits: stats metrics, their percentiles, aggregations and json_path', [
    refused('/feedback/stats', { ...STATS, metrics: dashboardMetrics(51) }, ['metrics'], 'too_long'),
    refused('/feedback/stats', { ...STATS, metrics: [{ json_path: 'score', percentiles: times(3000, (i) => String(i / 30)).map(Number) }] }, ['metrics', 0, 'percentiles'], 'too_long'),
    refused('/feedback/stats', { ...STATS, metrics: [{ json_path: 'score', aggregations: ['sum', 'avg', 'min', 'max', 'count', 'count_true', 'count_false', 'avg'] }] }, ['metrics', 0, 'aggregations'], 'too_long'),
    refused('/feedback/stats', { ...STATS, metrics: [{ json_path: 'a'.repeat(257) }] }, ['metrics', 0, 'json_path'], 'string_too_long'),
  ]),
  refusals('limits: stats strings and granularity', [
    refused('/feedback/stats', { ...STATS, timezone: `America/${'X'.repeat(57)}` }, ['timezone'], 'string_too_long'),
    refused('/feedback/stats', { ...STATS, start: `2024-06-01T00:00:00.${'0'.repeat(44)}Z` }, ['start'], 'string_too_long'),
    refused('/feedback/stats', { ...STATS, trigger_ref: `weave:///${P}/object/${'m'.repeat(2048)}:*` }, ['trigger_ref'], 'string_too_long'),
    refused('/feedback/stats', { ...STATS, feedback_type: 'f'.repeat(257) }, ['feedback_type'], 'string_too_long'),
    refused('/feedback/stats', { ...STATS, granularity: MAX_BUCKET_SECONDS + 1 }, ['granularity'], 'less_than_equal'),
  ]),
  refusals('limits: aggregate instants stay within year 9999 and buckets within 10,000 years', [
    refused('/feedback/aggregate', { ...AGG, before_ms: MAX_MS + 1 }, ['before_ms'], 'less_than_equal'),
    refused('/feedback/aggregate', { ...AGG, after_ms: Number.MAX_SAFE_INTEGER }, ['after_ms'], 'less_than_equal'),
    refused('/feedback/aggregate', { ...AGG, time_bucket_seconds: MAX_BUCKET_SECONDS + 1 }, ['time_bucket_seconds'], 'less_than_equal'),
  ]),
  {
    name: 'limits: the last millisecond of year 9999 and the longest bucket are accepted',
    targets: 'all',
    before: [
      { request: { path: '/feedback/aggregate', body: { ...AGG, before_ms: MAX_MS, after_ms: MAX_MS - 1000 } }, expect: { status: 200 } },
      { request: { path: '/feedback/stats', body: { ...STATS, granularity: MAX_BUCKET_SECONDS, timezone: 'America/New_York' } }, expect: { status: 200 } },
    ],
    request: { path: '/feedback/aggregate', body: { ...AGG, time_bucket_seconds: MAX_BUCKET_SECONDS } },
    expect: { status: 200 },
  },
  refusals('limits: aggregate filter lists and group_by', [
    refused('/feedback/aggregate', { ...AGG, tags: times(101, (i) => `t${i}`) }, ['tags'], 'too_long'),
    refused('/feedback/aggregate', { ...AGG, scorer_ids: ['s'.repeat(257)] }, ['scorer_ids', 0], 'string_too_long'),
    refused('/feedback/aggregate', { ...AGG, feedback_types: times(101, (i) => `f${i}`) }, ['feedback_types'], 'too_long'),
    refused('/feedback/aggregate', { ...AGG, span_types: ['agent_turn', 'agent_turn', 'agent_turn'] }, ['span_types'], 'too_long'),
    refused('/feedback/aggregate', { ...AGG, group_by: ['scorer_id', 'scorer_id', 'scorer_id', 'scorer_id', 'scorer_id'] }, ['group_by'], 'too_long'),
  ]),
  {
    name: 'limits: a 31-day hourly stats answer of 10 metrics with 6 outputs each is answered',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: { ...STATS, end: '2024-07-02T00:00:00Z', granularity: 3600, metrics: dashboardMetrics(10) } },
    expect: {
      status: 200,
      check: (body) => {
        const res = body as FeedbackStatsRes;
        expect(res.buckets).toHaveLength(744);
        expect(Object.keys(res.buckets?.[0] ?? {})).toHaveLength(62);
      },
    },
  },
  {
    // 8,928 five-minute buckets × (timestamp + count + 24 outputs) + 24 = 232,152 values.
    name: 'limits: a stats answer of more than 200,000 values is a 400 naming the limit and how to narrow',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: { ...STATS, end: '2024-07-02T00:00:00Z', granularity: 300, metrics: dashboardMetrics(4) } },
    expect: {
      status: 400,
      errorType: 'InvalidRequest',
      check: (body) => expectNarrowingReason(body, 'at most 200,000', /fewer metrics.*coarser granularity.*shorter window/),
    },
  },
  {
    name: 'limits: an aggregate answer of 10,000 rows is answered; one of 10,001 rows is a 400 naming the limit',
    targets: 'stateful',
    seed: agentRows,
    before: [
      {
        request: { path: '/feedback/aggregate', body: { project_id: ROWS, after_ms: ROWS_T0, before_ms: ROWS_T0 + 10_000_000, group_by: ['span_agent_name'] } },
        expect: { status: 200, check: (body) => expect((body as FeedbackAggregateRes).buckets).toHaveLength(10_000) },
      },
    ],
    request: { path: '/feedback/aggregate', body: { project_id: ROWS, after_ms: ROWS_T0, before_ms: ROWS_T0 + 10_001_000, group_by: ['span_agent_name'] } },
    expect: {
      status: 400,
      errorType: 'InvalidRequest',
      check: (body) => expectNarrowingReason(body, 'more than 10,000 rows', /fewer group_by.*larger time_bucket_seconds.*shorter window/),
    },
  },
];
