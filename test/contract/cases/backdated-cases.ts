// Backdated rows (our extension, docs/semantics.md): /feedback/batch/create items with
// `created_at`, for keys with the `backfill` scope. The rows answer in stats at their own instants
// (New York days across the spring-forward day); a key without the scope gets a 403 naming it;
// the instant must be RFC 3339 with an offset and at most milliseconds (422 by the schema), not
// before 2000 and not in the future (422 by the rules); a retry must repeat it (409 otherwise).
import { expect } from 'vitest';
import type { FeedbackCreateBatchItem, FeedbackCreateBatchRes, FeedbackStatsRes } from '@feedback/api-types';
import type { CaseStep, ContractCase } from './contract-case.js';

const NOW = '2024-06-01T12:00:00.000Z';
const PATH = '/feedback/batch/create';

function dated(project: string, createdAt: string | undefined, id?: string): FeedbackCreateBatchItem {
  return {
    project_id: project,
    weave_ref: `weave:///${project}/call/c1`,
    feedback_type: 'custom',
    payload: { source: 'backfill' },
    ...(id === undefined ? {} : { id }),
    ...(createdAt === undefined ? {} : { created_at: createdAt }),
  };
}

function createdAts(body: unknown): string[] {
  return (body as FeedbackCreateBatchRes).res.map((r) => ('created_at' in r ? r.created_at : 'error'));
}

function badCreatedAt(project: string, createdAt: string): CaseStep['request'] {
  return { path: PATH, key: 'backfill', body: { batch: [dated(project, undefined), dated(project, createdAt)] } };
}

const locatedAtItem1 = (body: unknown): void =>
  expect((body as { detail: { loc: unknown[] }[] }).detail[0]?.loc).toEqual(['body', 'batch', 1, 'created_at']);

const DST = 'acme/backdated-dst';
const DST_TIMES = ['2024-03-09T12:00:00.000-05:00', '2024-03-10T01:59:59.999-05:00', '2024-03-10T03:00:00-04:00', '2024-03-11T08:00:00Z'];

export const backdatedCases: ContractCase[] = [
  {
    name: 'backdated rows: stored and answered at their created_at; stats count them in New York days across the DST change',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, key: 'backfill', body: { batch: [...DST_TIMES.map((t) => dated(DST, t)), dated(DST, undefined)] } },
        expect: {
          status: 200,
          check: (body) => expect(createdAts(body)).toEqual([...DST_TIMES.map((t) => new Date(Date.parse(t)).toISOString()), NOW]),
        },
      },
    ],
    request: {
      path: '/feedback/stats',
      key: 'backfill',
      body: { project_id: DST, start: '2024-03-09T05:00:00Z', end: '2024-03-12T04:00:00Z', granularity: 86_400, timezone: 'America/New_York' },
    },
    expect: {
      status: 200,
      check: (body) => {
        const buckets = (body as FeedbackStatsRes).buckets ?? [];
        expect(buckets.map((b) => b.timestamp)).toEqual(['2024-03-09T00:00:00-05:00', '2024-03-10T00:00:00-05:00', '2024-03-11T00:00:00-04:00']);
        expect(buckets.map((b) => b.count)).toEqual([1, 2, 1]);
      },
    },
  },
  {
    name: 'backdated rows: a key without the "backfill" scope (none named: ingest and read) gets a 403 naming it',
    targets: 'stateful',
    now: NOW,
    request: { path: PATH, body: { batch: [dated('acme/backdated-403', '2024-05-01T00:00:00Z')] } },
    expect: {
      status: 403,
      body: { reason: 'batch[0]: This key lacks the "backfill" scope that a created_at in /feedback/batch/create needs', error_type: 'Forbidden' },
    },
  },
  {
    name: 'backdated rows: a created_at without an offset is a 422',
    targets: 'all',
    now: NOW,
    request: badCreatedAt('acme/backdated-422', '2024-05-01T00:00:00'),
    expect: { status: 422, check: locatedAtItem1 },
  },
  {
    name: 'backdated rows: a created_at finer than milliseconds is a 422',
    targets: 'all',
    now: NOW,
    request: badCreatedAt('acme/backdated-422', '2024-05-01T00:00:00.0001Z'),
    expect: { status: 422, check: locatedAtItem1 },
  },
  {
    name: 'backdated rows: /feedback/create takes no created_at (Weave shape: 422 extra_forbidden)',
    targets: 'all',
    now: NOW,
    request: { path: '/feedback/create', key: 'backfill', body: dated('acme/backdated-create', '2024-05-01T00:00:00Z') },
    expect: { status: 422, detail: [{ loc: ['body', 'created_at'], type: 'extra_forbidden' }] },
  },
  {
    name: 'backdated rows: a created_at more than 5 minutes in the future is a 422',
    targets: 'stateful',
    now: NOW,
    request: badCreatedAt('acme/backdated-future', '2024-06-01T12:05:00.001Z'),
    expect: { status: 422, detail: [{ loc: ['body', 'batch', 1, 'created_at'], type: 'value_error' }] },
  },
  {
    name: 'backdated rows: a created_at before 2000 is a 422',
    targets: 'stateful',
    now: NOW,
    request: badCreatedAt('acme/backdated-old', '1999-12-31T23:59:59.999Z'),
    expect: { status: 422, detail: [{ loc: ['body', 'batch', 1, 'created_at'], type: 'value_error' }] },
  },
  {
    name: 'backdated rows: a retry with the same id and instant is the stored row; another instant is a 409',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, key: 'backfill', body: { batch: [dated('acme/backdated-retry', '2024-04-01T10:00:00Z', 'bd-1')] } },
        expect: { status: 200, check: (body) => expect(createdAts(body)).toEqual(['2024-04-01T10:00:00.000Z']) },
      },
      {
        request: { path: PATH, key: 'backfill', body: { batch: [dated('acme/backdated-retry', '2024-04-01T12:00:00.000+02:00', 'bd-1')] } },
        expect: { status: 200, check: (body) => expect(createdAts(body)).toEqual(['2024-04-01T10:00:00.000Z']) },
      },
    ],
    request: { path: PATH, key: 'backfill', body: { batch: [dated('acme/backdated-retry', '2024-04-01T10:00:00.001Z', 'bd-1')] } },
    expect: { status: 409, errorType: 'Conflict' },
  },
];
