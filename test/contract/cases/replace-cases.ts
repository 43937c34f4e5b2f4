// /feedback/replace: the old row goes and the new body is stored (new id unless the client names
// one); a refused body, an unknown id or a conflicting id changes nothing; retries with a client
// id are answered with the row the first attempt wrote; scopes, projects and bounds.
import { expect } from 'vitest';
import type { FeedbackAggregateRes, FeedbackReplaceReq } from '@feedback/api-types';
import { createdWithGeneratedId } from './checks.js';
import type { CaseStep, ContractCase } from './contract-case.js';
import type { SeedRow } from '../targets/seed-row.js';

const NOW = '2024-06-01T12:00:00.000Z';
const LATER = '2024-06-01T12:05:00.000Z';
const EARLIER = '2024-06-01T11:00:00.000Z';

function row(project: string, id: string, score: number, createdAt = EARLIER): SeedRow {
  return { id, project_id: project, weave_ref: `weave:///${project}/call/c-${id}`, feedback_type: 'custom', payload: { score }, created_at: createdAt, wb_user_id: 'alice' };
}

function replacing(project: string, feedbackId: string, score: number, extra: Partial<FeedbackReplaceReq> = {}): FeedbackReplaceReq {
  return { project_id: project, feedback_id: feedbackId, weave_ref: `weave:///${project}/call/c-new`, feedback_type: 'custom', payload: { score }, ...extra };
}

/** How many rows the project holds now, by an aggregate's project-wide total. */
function totalRows(project: string, n: number): CaseStep {
  return {
    request: { path: '/feedback/aggregate', body: { project_id: project, after_ms: 0, before_ms: Date.parse('2030-01-01T00:00:00Z') } },
    expect: { status: 200, check: (body) => expect((body as FeedbackAggregateRes).buckets?.[0]?.total_count).toBe(n) },
  };
}

/** Purging `ids` deletes `n` of them: shows which rows exist, and cleans up. */
function purgeIds(project: string, ids: string[], n: number): CaseStep {
  const eq = (id: string) => ({ $eq: [{ $getField: 'id' }, { $literal: id }] });
  return { request: { path: '/feedback/purge', body: { project_id: project, query: { $expr: { $or: ids.map(eq) } } } }, expect: { status: 200, body: { num_deleted: n } } };
}

const BASIC = 'acme/replace-basic';
const REFUSED = 'acme/replace-refused';
const UNKNOWN = 'acme/replace-unknown';
const KEEP = 'acme/replace-keep-id';
const MOVE = 'acme/replace-move';
const CONFLICT = 'acme/replace-conflict';
const SCOPES = 'acme/replace-scopes';

export const replaceCases: ContractCase[] = [
  {
    name: 'replace: the old row is deleted and the new body stored under a new id; stats count only the new one',
    targets: 'stateful',
    now: NOW,
    seed: [row(BASIC, 'old-1', 0.2), row(BASIC, 'other-1', 0.4)],
    before: [
      {
        request: { path: '/feedback/replace', body: replacing(BASIC, 'old-1', 0.9) },
        expect: { status: 200, check: createdWithGeneratedId({ createdAt: NOW, wbUserId: 'alice', payload: { score: 0.9 } }) },
      },
      totalRows(BASIC, 2),
    ],
    request: {
      path: '/feedback/stats',
      body: { project_id: BASIC, start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z', granularity: 86400, metrics: [{ json_path: 'score', aggregations: ['min', 'max'] }] },
    },
    expect: {
      status: 200,
      body: {
        start: '2024-06-01T00:00:00.000Z',
        end: '2024-06-02T00:00:00.000Z',
        granularity: 86400,
        timezone: 'UTC',
        buckets: [{ timestamp: '2024-06-01T00:00:00Z', min_score: 0.4, max_score: 0.9, count: 2 }],
        window_stats: { score: { min: 0.4, max: 0.9 } },
      },
    },
  },
  {
    name: 'replace: a new body that breaks a create rule is refused before anything is deleted',
    targets: 'stateful',
    now: NOW,
    seed: [row(REFUSED, 'keep-me', 0.5)],
    before: [
      // 400: a note must not be empty (a create rule).
      { request: { path: '/feedback/replace', body: replacing(REFUSED, 'keep-me', 0, { feedback_type: 'wandb.note.1', payload: { note: '' } }) }, expect: { status: 400, errorType: 'InvalidRequest' } },
      // 400: scorer ratings outside [0, 1].
      { request: { path: '/feedback/replace', body: replacing(REFUSED, 'keep-me', 0, { scorer_ratings: { _rating_: 2 } }) }, expect: { status: 400, errorType: 'InvalidRequest' } },
      // 422: the project_id pattern.
      { request: { path: '/feedback/replace', body: replacing(REFUSED, 'keep-me', 0, { project_id: 'no-slash' }) }, expect: { status: 422, detail: [{ loc: ['body', 'project_id'], type: 'string_pattern_mismatch' }] } },
      totalRows(REFUSED, 1),
    ],
    request: purgeIds(REFUSED, ['keep-me'], 1).request,
    expect: { status: 200, body: { num_deleted: 1 } },
  },
  {
    name: 'replace: an unknown feedback_id is a 404 and nothing is written',
    targets: 'stateful',
    now: NOW,
    seed: [row(UNKNOWN, 'present', 0.5)],
    before: [
      {
        request: { path: '/feedback/replace', body: replacing(UNKNOWN, 'no-such-row', 0.9) },
        expect: { status: 404, body: { reason: `No feedback no-such-row in project ${UNKNOWN}; nothing was replaced`, error_type: 'NotFound' } },
      },
      // A client id does not make an unknown feedback_id a create either.
      { request: { path: '/feedback/replace', body: replacing(UNKNOWN, 'no-such-row', 0.9, { id: 'fresh-id' }) }, expect: { status: 404, errorType: 'NotFound' } },
    ],
    request: totalRows(UNKNOWN, 1).request,
    expect: totalRows(UNKNOWN, 1).expect,
  },
  {
    name: 'replace: with id = feedback_id the row keeps its id; the same call again is answered with the stored row',
    targets: 'stateful',
    now: NOW,
    seed: [row(KEEP, 'stable', 0.1)],
    before: [
      {
        request: { path: '/feedback/replace', body: replacing(KEEP, 'stable', 0.7, { id: 'stable' }) },
        expect: { status: 200, body: { id: 'stable', created_at: NOW, wb_user_id: 'alice', payload: { score: 0.7 } } },
      },
    ],
    requestNow: LATER,
    request: { path: '/feedback/replace', body: replacing(KEEP, 'stable', 0.7, { id: 'stable' }) },
    // Nothing rewritten: created_at is still the first call's.
    expect: { status: 200, body: { id: 'stable', created_at: NOW, wb_user_id: 'alice', payload: { score: 0.7 } } },
  },
  {
    name: 'replace: a client id moves the row; a retry after success answers the moved row, not a 404',
    targets: 'stateful',
    now: NOW,
    seed: [row(MOVE, 'before-move', 0.1)],
    before: [
      {
        request: { path: '/feedback/replace', body: replacing(MOVE, 'before-move', 0.6, { id: 'after-move' }) },
        expect: { status: 200, body: { id: 'after-move', created_at: NOW, wb_user_id: 'alice', payload: { score: 0.6 } } },
      },
      { now: LATER, request: { path: '/feedback/replace', body: replacing(MOVE, 'before-move', 0.6, { id: 'after-move' }) }, expect: { status: 200, body: { id: 'after-move', created_at: NOW, wb_user_id: 'alice', payload: { score: 0.6 } } } },
      // Other content under the moved id is no retry: the original is gone, so 404.
      { request: { path: '/feedback/replace', body: replacing(MOVE, 'before-move', 0.5, { id: 'after-move' }) }, expect: { status: 404, errorType: 'NotFound' } },
    ],
    request: purgeIds(MOVE, ['before-move', 'after-move'], 1).request,
    expect: { status: 200, body: { num_deleted: 1 } },
  },
  {
    name: 'replace: a client id held by another row with other content is a 409 and nothing changes',
    targets: 'stateful',
    now: NOW,
    seed: [row(CONFLICT, 'row-a', 0.1), row(CONFLICT, 'row-b', 0.2)],
    before: [{ request: { path: '/feedback/replace', body: replacing(CONFLICT, 'row-a', 0.3, { id: 'row-b' }) }, expect: { status: 409, errorType: 'Conflict' } }],
    request: purgeIds(CONFLICT, ['row-a', 'row-b'], 2).request,
    expect: { status: 200, body: { num_deleted: 2 } },
  },
  {
    name: 'replace: needs the "ingest" scope and the project (403); a widget key may replace',
    targets: 'stateful',
    now: NOW,
    seed: [row(SCOPES, 'scoped', 0.1)],
    before: [
      {
        request: { path: '/feedback/replace', body: replacing(SCOPES, 'scoped', 0.2), key: 'dashboard' },
        expect: { status: 403, body: { reason: 'This key lacks the "ingest" scope that /feedback/replace needs', error_type: 'Forbidden' } },
      },
      { request: { path: '/feedback/replace', body: replacing(SCOPES, 'scoped', 0.2), key: 'bob' }, expect: { status: 403, body: { reason: `This key does not grant access to project ${SCOPES}`, error_type: 'Forbidden' } } },
    ],
    request: { path: '/feedback/replace', body: replacing(SCOPES, 'scoped', 0.2, { id: 'by-widget' }), key: 'widget' },
    expect: { status: 200, body: { id: 'by-widget', created_at: NOW, wb_user_id: 'widget', payload: { score: 0.2 } } },
  },
  {
    name: 'replace: feedback_id is required and at most 128 characters (422)',
    targets: 'all',
    before: [{ request: { path: '/feedback/replace', body: { project_id: 'acme/replace-bounds', weave_ref: 'weave:///acme/replace-bounds/call/c', feedback_type: 'custom', payload: {} } }, expect: { status: 422, detail: [{ loc: ['body', 'feedback_id'], type: 'missing' }] } }],
    request: { path: '/feedback/replace', body: replacing('acme/replace-bounds', 'x'.repeat(129), 0) },
    expect: { status: 422, detail: [{ loc: ['body', 'feedback_id'], type: 'string_too_long' }] },
  },
];
