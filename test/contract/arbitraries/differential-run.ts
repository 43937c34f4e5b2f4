// One differential run: an anchor instant, the clock, rows of one project, and a few stats and
// aggregate requests over them.
import fc from 'fast-check';
import { aggregateTemplateArb, toAggregateBody, type AggregateTemplate } from './aggregate-requests.js';
import { queryTemplateArb, toQueryBody, type QueryTemplate } from './query-requests.js';
import { rowTemplateArb, toSeedRow, type RowTemplate } from './rows.js';
import { statsTemplateArb, toStatsBody, type StatsTemplate } from './stats-requests.js';
import { anchorArb, MS } from './time.js';
import type { SeedRow } from '../targets/seed-row.js';

export type RequestTemplate =
  | { kind: 'stats'; stats: StatsTemplate }
  | { kind: 'aggregate'; aggregate: AggregateTemplate }
  | { kind: 'query'; query: QueryTemplate };

export interface RunTemplate {
  anchorMs: number;
  nowOffsetMs: number;
  rows: RowTemplate[];
  requests: RequestTemplate[];
}

export interface DifferentialRequest {
  path: '/feedback/stats' | '/feedback/aggregate' | '/feedback/query';
  body: Record<string, unknown>;
}

/** A run made concrete: what to store and what to ask, in one project. */
export interface DifferentialRun {
  project: string;
  nowMs: number;
  rows: SeedRow[];
  requests: DifferentialRequest[];
}

const requestArb: fc.Arbitrary<RequestTemplate> = fc.oneof(
  statsTemplateArb.map((stats) => ({ kind: 'stats' as const, stats })),
  aggregateTemplateArb.map((aggregate) => ({ kind: 'aggregate' as const, aggregate })),
  queryTemplateArb.map((query) => ({ kind: 'query' as const, query })),
);

export const runTemplateArb: fc.Arbitrary<RunTemplate> = fc.record({
  anchorMs: anchorArb,
  // Mostly after the windows start, so an open-ended window (no `end`) is usually valid.
  nowOffsetMs: fc.integer({ min: -MS.DAY, max: 3 * MS.DAY }),
  // Dense: rows within ±1.5 days of the anchor, where the windows are.
  rows: fc.array(rowTemplateArb(1.5), { maxLength: 40, size: 'max' }),
  requests: fc.array(requestArb, { minLength: 1, maxLength: 3 }),
});

export function toDifferentialRun(t: RunTemplate, project: string): DifferentialRun {
  return {
    project,
    nowMs: t.anchorMs + t.nowOffsetMs,
    // Ids of our own, not each target's random ones: queries return them and order ties by them.
    rows: t.rows.map((row, i) => ({ ...toSeedRow(row, project, t.anchorMs, i), id: `row-${String(i).padStart(3, '0')}` })),
    requests: t.requests.map((r): DifferentialRequest => {
      switch (r.kind) {
        case 'stats':
          return { path: '/feedback/stats', body: toStatsBody(r.stats, project, t.anchorMs) };
        case 'aggregate':
          return { path: '/feedback/aggregate', body: toAggregateBody(r.aggregate, project, t.anchorMs) };
        case 'query':
          return { path: '/feedback/query', body: toQueryBody(r.query, project, t.anchorMs) };
      }
    }),
  };
}
