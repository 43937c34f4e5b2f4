// /feedback/purge: by ids in Weave's query form (anything else a 400 with Weave's reason), by our
// filter (time range, type, user), the count deleted, statistics at once, scopes, projects, bounds.
import { expect } from 'vitest';
import type { FeedbackAggregateRes } from '@feedback/api-types';
import type { CaseStep, ContractCase } from './contract-case.js';
import type { SeedRow } from '../targets/seed-row.js';

const NOW = '2024-06-01T12:00:00.000Z';
const IDS_ONLY = { reason: 'Can only purge feedback by specifying one or more feedback ids', error_type: 'InvalidRequest' };

function row(project: string, id: string, at: string, extra: Partial<SeedRow> = {}): SeedRow {
  return { id, project_id: project, weave_ref: `weave:///${project}/call/c-${id}`, feedback_type: 'custom', payload: { score: 0.5 }, created_at: at, wb_user_id: 'alice', ...extra };
}

const eq = (id: string) => ({ $eq: [{ $getField: 'id' }, { $literal: id }] });
const byIds = (project: string, ids: string[]) => ({ project_id: project, query: { $expr: { $or: ids.map(eq) } } });

function totalRows(project: string, n: number): CaseStep {
  return {
    request: { path: '/feedback/aggregate', body: { project_id: project, after_ms: 0, before_ms: Date.parse('2030-01-01T00:00:00Z') } },
    expect: { status: 200, check: (body) => expect((body as FeedbackAggregateRes).buckets?.[0]?.total_count).toBe(n) },
  };
}

function refusedQuery(project: string, expr: unknown): CaseStep {
  return { request: { path: '/feedback/purge', body: { project_id: project, query: { $expr: expr } } }, expect: { status: 400, body: IDS_ONLY } };
}

const IDS = 'acme/purge-ids';
const ONE = 'acme/purge-one';
const WEAVE_RULE = 'acme/purge-weave-rule';
const FILTER = 'acme/purge-filter';
const FILTER_RULES = 'acme/purge-filter-rules';
const SCOPES = 'acme/purge-scopes';

export const purgeCases: ContractCase[] = [
  {
    name: "purge: by ids in Weave's $or form deletes those rows only, answers num_deleted, and stats reflect it at once",
    targets: 'stateful',
    now: NOW,
    seed: [
      row(IDS, 'a', '2024-06-01T01:00:00Z', { payload: { score: 0.1 } }),
      row(IDS, 'b', '2024-06-01T02:00:00Z', { payload: { score: 0.2 } }),
      row(IDS, 'c', '2024-06-01T03:00:00Z', { payload: { score: 0.9 } }),
      row('acme/purge-ids-elsewhere', 'a', '2024-06-01T01:00:00Z'),
    ],
    before: [
      // An unknown id counts nothing; the same id in another project is untouched.
      { request: { path: '/feedback/purge', body: byIds(IDS, ['a', 'b', 'missing', 'a']) }, expect: { status: 200, body: { num_deleted: 2 } } },
      totalRows('acme/purge-ids-elsewhere', 1),
    ],
    request: {
      path: '/feedback/stats',
      body: { project_id: IDS, start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z', granularity: 86400, metrics: [{ json_path: 'score', aggregations: ['avg'] }] },
    },
    expect: {
      status: 200,
      body: {
        start: '2024-06-01T00:00:00.000Z',
        end: '2024-06-02T00:00:00.000Z',
        granularity: 86400,
        timezone: 'UTC',
        buckets: [{ timestamp: '2024-06-01T00:00:00Z', avg_score: 0.9, count: 1 }],
        window_stats: { score: { avg: 0.9 } },
      },
    },
  },
  {
    name: 'purge: one $eq on id; the same purge again deletes nothing (num_deleted 0)',
    targets: 'stateful',
    now: NOW,
    seed: [row(ONE, 'only', '2024-06-01T01:00:00Z')],
    before: [{ request: { path: '/feedback/purge', body: { project_id: ONE, query: { $expr: eq('only') } } }, expect: { status: 200, body: { num_deleted: 1 } } }],
    request: { path: '/feedback/purge', body: { project_id: ONE, query: { $expr: eq('only') } } },
    expect: { status: 200, body: { num_deleted: 0 } },
  },
  {
    name: "purge: any query other than id equality or an $or of them is a 400 with Weave's reason, and deletes nothing",
    targets: 'stateful',
    now: NOW,
    seed: [row(WEAVE_RULE, 'x', '2024-06-01T01:00:00Z')],
    before: [
      refusedQuery(WEAVE_RULE, { $eq: [{ $getField: 'feedback_type' }, { $literal: 'custom' }] }),
      refusedQuery(WEAVE_RULE, { $eq: [{ $literal: 'x' }, { $getField: 'id' }] }),
      refusedQuery(WEAVE_RULE, { $eq: [{ $getField: 'id' }, { $literal: 7 }] }),
      refusedQuery(WEAVE_RULE, { $in: [{ $getField: 'id' }, [{ $literal: 'x' }]] }),
      refusedQuery(WEAVE_RULE, { $and: [eq('x')] }),
      refusedQuery(WEAVE_RULE, { $or: [] }),
      refusedQuery(WEAVE_RULE, { $or: [eq('x'), { $gt: [{ $getField: 'created_at' }, { $literal: 0 }] }] }),
      refusedQuery(WEAVE_RULE, { $not: [eq('x')] }),
      refusedQuery(WEAVE_RULE, { $eq: [{ $getField: 'id' }, { $literal: 'x' }], $or: [eq('x')] }),
    ],
    request: totalRows(WEAVE_RULE, 1).request,
    expect: totalRows(WEAVE_RULE, 1).expect,
  },
  {
    name: 'purge: by filter (our extension): a time range, a feedback type, a user, each alone and together',
    targets: 'stateful',
    now: NOW,
    seed: [
      row(FILTER, 'old-1', '2024-01-10T00:00:00Z'),
      row(FILTER, 'old-2', '2024-01-31T23:59:59.999Z'),
      row(FILTER, 'edge', '2024-02-01T00:00:00Z'),
      row(FILTER, 'reaction', '2024-03-01T00:00:00Z', { feedback_type: 'wandb.reaction.1', payload: { emoji: '👍' } }),
      row(FILTER, 'bob-1', '2024-03-02T00:00:00Z', { wb_user_id: 'bob' }),
      row(FILTER, 'bob-2', '2024-04-02T00:00:00Z', { wb_user_id: 'bob' }),
      row(FILTER, 'keep', '2024-04-03T00:00:00Z'),
    ],
    before: [
      // created_before is exclusive: the row at exactly 2024-02-01 stays.
      { request: { path: '/feedback/purge', body: { project_id: FILTER, where: { created_before: '2024-02-01T00:00:00Z' } } }, expect: { status: 200, body: { num_deleted: 2 } } },
      { request: { path: '/feedback/purge', body: { project_id: FILTER, where: { feedback_type: 'wandb.reaction.1' } } }, expect: { status: 200, body: { num_deleted: 1 } } },
      // created_after is inclusive, and every condition must hold.
      { request: { path: '/feedback/purge', body: { project_id: FILTER, where: { wb_user_id: 'bob', created_after: '2024-04-02T00:00:00Z' } } }, expect: { status: 200, body: { num_deleted: 1 } } },
      { request: { path: '/feedback/purge', body: { project_id: FILTER, where: { wb_user_id: 'bob' } } }, expect: { status: 200, body: { num_deleted: 1 } } },
      totalRows(FILTER, 2),
    ],
    request: { path: '/feedback/purge', body: { project_id: FILTER, where: { created_after: '2024-02-01T00:00:00+01:00', created_before: '2024-12-31T00:00:00Z' } } },
    expect: { status: 200, body: { num_deleted: 2 } },
  },
  {
    name: 'purge: exactly one of query and where, a filter with a condition, a time range that is not empty (422)',
    targets: 'stateful',
    now: NOW,
    seed: [row(FILTER_RULES, 'stays', '2024-06-01T01:00:00Z')],
    before: [
      { request: { path: '/feedback/purge', body: { project_id: FILTER_RULES } }, expect: { status: 422, detail: [{ loc: ['body', 'query'], type: 'missing' }] } },
      {
        request: { path: '/feedback/purge', body: { project_id: FILTER_RULES, query: { $expr: eq('stays') }, where: { wb_user_id: 'alice' } } },
        expect: { status: 422, detail: [{ loc: ['body', 'where'], type: 'extra_forbidden' }] },
      },
      { request: { path: '/feedback/purge', body: { project_id: FILTER_RULES, where: {} } }, expect: { status: 422 } },
      {
        request: { path: '/feedback/purge', body: { project_id: FILTER_RULES, where: { created_after: '2024-06-01T00:00:00Z', created_before: '2024-06-01T00:00:00Z' } } },
        expect: { status: 422, detail: [{ loc: ['body', 'where', 'created_before'], type: 'value_error' }] },
      },
    ],
    request: totalRows(FILTER_RULES, 1).request,
    expect: totalRows(FILTER_RULES, 1).expect,
  },
  {
    name: 'purge: needs "read" as well as "ingest" (a widget key may not delete) and the project (403)',
    targets: 'stateful',
    now: NOW,
    seed: [row(SCOPES, 'guarded', '2024-06-01T01:00:00Z')],
    before: [
      {
        request: { path: '/feedback/purge', body: { project_id: SCOPES, where: { created_before: '2030-01-01T00:00:00Z' } }, key: 'widget' },
        expect: { status: 403, body: { reason: 'This key lacks the "read" scope that /feedback/purge needs', error_type: 'Forbidden' } },
      },
      {
        request: { path: '/feedback/purge', body: byIds(SCOPES, ['guarded']), key: 'dashboard' },
        expect: { status: 403, body: { reason: 'This key lacks the "ingest" scope that /feedback/purge needs', error_type: 'Forbidden' } },
      },
      { request: { path: '/feedback/purge', body: byIds(SCOPES, ['guarded']), key: 'bob' }, expect: { status: 403, body: { reason: `This key does not grant access to project ${SCOPES}`, error_type: 'Forbidden' } } },
      totalRows(SCOPES, 1),
    ],
    request: { path: '/feedback/purge', body: byIds(SCOPES, ['guarded']) },
    expect: { status: 200, body: { num_deleted: 1 } },
  },
  {
    name: 'purge: bounded fields (422): the filter strings, the date-times, unknown keys',
    targets: 'all',
    before: [
      { request: { path: '/feedback/purge', body: { project_id: 'acme/purge-bounds', where: { wb_user_id: 'u'.repeat(257) } } }, expect: { status: 422, detail: [{ loc: ['body', 'where', 'wb_user_id'], type: 'string_too_long' }] } },
      { request: { path: '/feedback/purge', body: { project_id: 'acme/purge-bounds', where: { created_before: 'yesterday' } } }, expect: { status: 422, detail: [{ loc: ['body', 'where', 'created_before'], type: 'format_error' }] } },
      { request: { path: '/feedback/purge', body: { project_id: 'acme/purge-bounds', where: { everything: true } } }, expect: { status: 422, detail: [{ loc: ['body', 'where', 'everything'], type: 'extra_forbidden' }] } },
    ],
    request: { path: '/feedback/purge', body: { project_id: 'acme/purge-bounds', query: { $expr: { $or: Array.from({ length: 1001 }, (_, i) => eq(`id-${i}`)) } } } },
    expect: { status: 422 },
  },
];
