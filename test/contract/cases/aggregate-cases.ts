// /feedback/aggregate behaviour: grouping and its total order, sparse rows, the bare total, the
// 31-day rule, and the shape-only answer to a valid request.
import type { SeedRow } from '../targets/seed-row.js';
import type { ContractCase } from './contract-case.js';

const ORDER = 'acme/agg-order';
const T0 = Date.parse('2024-06-01T00:00:00Z');
const MIN = 60_000;

function scorerRow(scorer: string, minutes: number, extra: Partial<SeedRow>): SeedRow {
  return {
    project_id: ORDER,
    weave_ref: `weave:///${ORDER}/call/c${minutes}`,
    feedback_type: `wandb.runnable.${scorer}`,
    runnable_ref: `weave:///${ORDER}/object/${scorer}:v1`,
    payload: { output: minutes },
    created_at: new Date(T0 + minutes * MIN).toISOString(),
    wb_user_id: 'alice',
    ...extra,
  };
}

const orderRows: SeedRow[] = [
  scorerRow('alpha', 10, { span_status_code: 'ERROR', scorer_tags: ['good'], scorer_ratings: { _rating_: 0.5 } }),
  scorerRow('beta', 20, { span_status_code: 'OK', scorer_tags: ['good', 'bad'], scorer_ratings: { extra: 0, _rating_: 0.25 } }),
  scorerRow('Zeta', 30, { span_status_code: 'OK' }),
  scorerRow('alpha', 40, { scorer_tags: ['good'], scorer_ratings: { _rating_: 1 } }),
  scorerRow('beta', 50, { span_status_code: 'ERROR', scorer_tags: ['ok'] }),
  scorerRow('alpha', 70, { span_status_code: 'ERROR', scorer_ratings: { _rating_: 0.75 } }),
];

function bucket(startMs: number | null, group: Record<string, string>, counts: { total: number; scored: number }, maps: { tags?: Record<string, number>; ratingCounts?: Record<string, number>; ratingSums?: Record<string, number> } = {}) {
  return {
    time_bucket_start_ms: startMs,
    group,
    total_count: counts.total,
    scored_count: counts.scored,
    tag_counts: maps.tags ?? {},
    rating_counts: maps.ratingCounts ?? {},
    rating_sums: maps.ratingSums ?? {},
  };
}

const H1 = T0 + 3_600_000;

export const aggregateCases: ContractCase[] = [
  {
    name: 'aggregate: a valid request answers 200 with a body that fits the schema',
    targets: 'all',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-shape', after_ms: T0, before_ms: T0 + 7_200_000, time_bucket_seconds: 3600, group_by: ['scorer_id'] } },
    expect: { status: 200 },
  },
  {
    name: 'aggregate: rows ordered by bucket, then status UNSET < OK < ERROR, then scorer id by code point',
    targets: 'stateful',
    seed: orderRows,
    request: { path: '/feedback/aggregate', body: { project_id: ORDER, after_ms: T0, before_ms: T0 + 7_200_000, time_bucket_seconds: 3600, group_by: ['span_status_code', 'scorer_id'] } },
    expect: {
      status: 200,
      body: {
        after_ms: T0,
        before_ms: T0 + 7_200_000,
        time_bucket_seconds: 3600,
        buckets: [
          bucket(T0, { span_status_code: 'UNSET', scorer_id: 'alpha' }, { total: 1, scored: 1 }, { tags: { good: 1 }, ratingCounts: { _rating_: 1 }, ratingSums: { _rating_: 1 } }),
          bucket(T0, { span_status_code: 'OK', scorer_id: 'Zeta' }, { total: 1, scored: 0 }),
          bucket(T0, { span_status_code: 'OK', scorer_id: 'beta' }, { total: 1, scored: 1 }, { tags: { bad: 1, good: 1 }, ratingCounts: { _rating_: 1, extra: 1 }, ratingSums: { _rating_: 0.25, extra: 0 } }),
          bucket(T0, { span_status_code: 'ERROR', scorer_id: 'alpha' }, { total: 1, scored: 1 }, { tags: { good: 1 }, ratingCounts: { _rating_: 1 }, ratingSums: { _rating_: 0.5 } }),
          bucket(T0, { span_status_code: 'ERROR', scorer_id: 'beta' }, { total: 1, scored: 1 }, { tags: { ok: 1 } }),
          bucket(H1, { span_status_code: 'ERROR', scorer_id: 'alpha' }, { total: 1, scored: 1 }, { ratingCounts: { _rating_: 1 }, ratingSums: { _rating_: 0.75 } }),
        ],
      },
    },
  },
  {
    name: 'aggregate: filters AND across fields, OR within one; rating bounds need _rating_',
    targets: 'stateful',
    seed: orderRows.map((r) => ({ ...r, project_id: 'acme/agg-filter', weave_ref: r.weave_ref.replace(ORDER, 'acme/agg-filter'), runnable_ref: r.runnable_ref?.replace(ORDER, 'acme/agg-filter') ?? null })),
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-filter', after_ms: T0, before_ms: T0 + 7_200_000, scorer_ids: ['al*', 'beta'], rating_min: 0.3, rating_max: 1 } },
    expect: {
      status: 200,
      body: {
        after_ms: T0,
        before_ms: T0 + 7_200_000,
        time_bucket_seconds: null,
        buckets: [bucket(null, {}, { total: 3, scored: 3 }, { tags: { good: 2 }, ratingCounts: { _rating_: 3 }, ratingSums: { _rating_: 2.25 } })],
      },
    },
  },
  {
    name: 'aggregate: a bare total is one row even with no match, and may span more than 31 days',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-empty', after_ms: 0, before_ms: T0 } },
    expect: { status: 200, body: { after_ms: 0, before_ms: T0, time_bucket_seconds: null, buckets: [bucket(null, {}, { total: 0, scored: 0 })] } },
  },
  {
    name: 'aggregate: group_by without matches is sparse (no rows)',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-empty', after_ms: 0, before_ms: 1000, group_by: ['span_agent_name'] } },
    expect: { status: 200, body: { after_ms: 0, before_ms: 1000, time_bucket_seconds: null, buckets: [] } },
  },
  {
    name: 'aggregate: over 31 days with a filter is a 422',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-empty', after_ms: 0, before_ms: T0, tags: ['x'] } },
    expect: { status: 422, detail: [{ loc: ['body', 'before_ms'], type: 'value_error' }] },
  },
  {
    name: 'aggregate: over 31 days with group_by is a 422',
    targets: 'stateful',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/agg-empty', after_ms: 0, before_ms: T0, group_by: ['scorer_id'] } },
    expect: { status: 422, detail: [{ loc: ['body', 'before_ms'], type: 'value_error' }] },
  },
];
