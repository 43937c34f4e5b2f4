// /feedback/create: stored and answered, read back, safe retries and conflicts, server-set fields.
import type { FeedbackCreateReq } from '@feedback/api-types';
import { createdWithGeneratedId } from './checks.js';
import type { ContractCase } from './contract-case.js';

const READBACK = 'acme/create-readback';
const NOW = '2024-06-01T12:00:00.000Z';

const runnable: FeedbackCreateReq = {
  project_id: READBACK,
  weave_ref: `weave:///${READBACK}/call/c1`,
  feedback_type: 'wandb.runnable.helpfulness',
  runnable_ref: `weave:///${READBACK}/object/helpfulness:v1`,
  payload: { output: { score: 0.5, passed: true } },
  scorer_tags: ['helpful'],
  scorer_ratings: { _rating_: 0.5 },
};

const custom: FeedbackCreateReq = {
  project_id: READBACK,
  weave_ref: `weave:///${READBACK}/call/c2`,
  feedback_type: 'custom',
  payload: { output: { score: 1.5, passed: false } },
};

const RETRY = 'acme/create-retry';
const retried: FeedbackCreateReq = {
  id: 'client-chosen-id-1',
  project_id: RETRY,
  weave_ref: `weave:///${RETRY}/call/c1`,
  feedback_type: 'wandb.note.1',
  payload: { note: 'first words' },
};

export const createCases: ContractCase[] = [
  {
    name: 'create: a valid body is stored and answered with id, created_at, wb_user_id and payload',
    targets: 'all',
    now: NOW,
    request: { path: '/feedback/create', body: { project_id: 'acme/create-basic', weave_ref: 'weave:///acme/create-basic/call/c1', feedback_type: 'custom', payload: { key: 'value', n: 1 } } },
    expect: { status: 200, check: createdWithGeneratedId({ createdAt: NOW, wbUserId: 'alice', payload: { key: 'value', n: 1 } }) },
  },
  {
    name: 'create then read back: the rows count in stats and aggregate at once',
    targets: 'stateful',
    now: NOW,
    before: [
      { request: { path: '/feedback/create', body: runnable }, expect: { status: 200, check: createdWithGeneratedId({ createdAt: NOW, wbUserId: 'alice', payload: runnable.payload }) } },
      { request: { path: '/feedback/create', body: custom }, expect: { status: 200 } },
      {
        request: {
          path: '/feedback/stats',
          body: {
            project_id: READBACK,
            start: '2024-06-01T00:00:00Z',
            end: '2024-06-02T00:00:00Z',
            granularity: 43200,
            metrics: [
              { json_path: 'output.score', aggregations: ['avg', 'sum'], percentiles: [50] },
              { json_path: 'output.passed', value_type: 'boolean' },
            ],
          },
        },
        expect: {
          status: 200,
          body: {
            start: '2024-06-01T00:00:00.000Z',
            end: '2024-06-02T00:00:00.000Z',
            granularity: 43200,
            timezone: 'UTC',
            buckets: [
              { timestamp: '2024-06-01T00:00:00Z', avg_output_score: null, sum_output_score: 0, p50_output_score: null, count_true_output_passed: 0, count_false_output_passed: 0, count: 0 },
              { timestamp: '2024-06-01T12:00:00Z', avg_output_score: 1, sum_output_score: 2, p50_output_score: 1, count_true_output_passed: 1, count_false_output_passed: 1, count: 2 },
            ],
            window_stats: { output_score: { avg: 1, sum: 2, p50: 1 }, output_passed: { count_true: 1, count_false: 1 } },
          },
        },
      },
    ],
    request: { path: '/feedback/aggregate', body: { project_id: READBACK, after_ms: Date.parse(NOW), before_ms: Date.parse(NOW) + 1, group_by: ['scorer_id'] } },
    expect: {
      status: 200,
      body: {
        after_ms: Date.parse(NOW),
        before_ms: Date.parse(NOW) + 1,
        time_bucket_seconds: null,
        buckets: [
          { time_bucket_start_ms: null, group: { scorer_id: '' }, total_count: 1, scored_count: 0, tag_counts: {}, rating_counts: {}, rating_sums: {} },
          { time_bucket_start_ms: null, group: { scorer_id: 'helpfulness' }, total_count: 1, scored_count: 1, tag_counts: { helpful: 1 }, rating_counts: { _rating_: 1 }, rating_sums: { _rating_: 0.5 } },
        ],
      },
    },
  },
  {
    name: 'create: a retry with the same client id and content is answered 200 with the stored row',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: '/feedback/create', body: retried },
        expect: { status: 200, body: { id: 'client-chosen-id-1', created_at: NOW, wb_user_id: 'alice', payload: { note: 'first words' } } },
      },
    ],
    // Later, so a fresh row would get another created_at: the answer must be the stored one.
    requestNow: '2024-06-01T12:05:00.000Z',
    request: { path: '/feedback/create', body: { ...retried, wb_user_id: 'alice' } },
    expect: { status: 200, body: { id: 'client-chosen-id-1', created_at: NOW, wb_user_id: 'alice', payload: { note: 'first words' } } },
  },
  {
    name: 'create: the same client id with different content is a 409',
    targets: 'stateful',
    now: NOW,
    before: [{ request: { path: '/feedback/create', body: { ...retried, project_id: 'acme/create-conflict', weave_ref: 'weave:///acme/create-conflict/call/c1' } }, expect: { status: 200 } }],
    request: { path: '/feedback/create', body: { ...retried, project_id: 'acme/create-conflict', weave_ref: 'weave:///acme/create-conflict/call/c1', payload: { note: 'other words' } } },
    expect: { status: 409, errorType: 'Conflict' },
  },
  {
    name: 'create: a client id is scoped to its project',
    targets: 'stateful',
    now: NOW,
    before: [{ request: { path: '/feedback/create', body: { ...retried, project_id: 'acme/create-scope-a' } }, expect: { status: 200 } }],
    request: { path: '/feedback/create', body: { ...retried, project_id: 'acme/create-scope-b', payload: { note: 'other words' } } },
    expect: { status: 200, body: { id: 'client-chosen-id-1', created_at: NOW, wb_user_id: 'alice', payload: { note: 'other words' } } },
  },
  {
    name: 'create: a reaction is stored with its aliases',
    targets: 'stateful',
    now: NOW,
    request: { path: '/feedback/create', body: { project_id: 'acme/create-reaction', weave_ref: 'weave:///acme/create-reaction/call/c1', feedback_type: 'wandb.reaction.1', payload: { emoji: '👍🏽' } } },
    expect: {
      status: 200,
      check: createdWithGeneratedId({
        createdAt: NOW,
        wbUserId: 'alice',
        payload: { emoji: '👍🏽', alias: ':thumbs_up_medium_skin_tone:', detoned: '👍', detoned_alias: ':thumbs_up:' },
      }),
    },
  },
  {
    name: "create: wb_user_id naming another user is refused (400)",
    targets: 'stateful',
    request: { path: '/feedback/create', body: { project_id: 'acme/create-user', weave_ref: 'weave:///acme/create-user/call/c1', feedback_type: 'custom', payload: {}, wb_user_id: 'mallory' } },
    expect: { status: 400, errorType: 'InvalidRequest' },
  },
  {
    name: 'create: a runnable type without its runnable_ref is refused (400)',
    targets: 'stateful',
    request: { path: '/feedback/create', body: { project_id: 'acme/create-rules', weave_ref: 'weave:///acme/create-rules/call/c1', feedback_type: 'wandb.runnable.judge', payload: { output: 1 } } },
    expect: { status: 400, errorType: 'InvalidRequest' },
  },
  {
    name: 'create: a scorer rating outside [0, 1] is refused (400)',
    targets: 'stateful',
    request: {
      path: '/feedback/create',
      body: { project_id: 'acme/create-rules', weave_ref: 'weave:///acme/create-rules/call/c1', feedback_type: 'wandb.runnable.judge', runnable_ref: 'weave:///acme/create-rules/object/judge:v1', payload: { output: 1 }, scorer_ratings: { _rating_: 1.5 } },
    },
    expect: { status: 400, errorType: 'InvalidRequest' },
  },
  {
    name: 'create: a payload over 1 MiB is a 413',
    targets: 'stateful',
    request: { path: '/feedback/create', body: { project_id: 'acme/create-big', weave_ref: 'weave:///acme/create-big/call/c1', feedback_type: 'custom', payload: { blob: 'x'.repeat(1_048_576) } } },
    expect: { status: 413, errorType: 'PayloadTooLarge' },
  },
];
