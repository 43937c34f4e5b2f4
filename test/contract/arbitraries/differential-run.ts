// One differential run: an anchor instant, the clock, rows of one project, and a few stats and
// aggregate requests over them.
import fc from 'fast-check';
import { aggregateTemplateArb, toAggregateBody, type AggregateTemplate } from './aggregate-requests.js';
import { rowTemplateArb, toSeedRow, type RowTemplate } from './rows.js';
import { statsTemplateArb, toStatsBody, type StatsTemplate } from './stats-requests.js';
import { anchorArb, MS } from './time.js';
import type { SeedRow } from '../targets/seed-row.js';

export type RequestTemplate = { kind: 'stats'; stats: StatsTemplate } | { kind: 'aggregate'; aggregate: AggregateTemplate };

export interface RunTemplate {
  anchorMs: number;
  nowOffsetMs: number;
  rows: RowTemplate[];
  requests: RequestTemplate[];
}

export interface DifferentialRequest {
  path: '/feedback/stats' | '/feedback/aggregate';
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
    rows: t.rows.map((row, i) => toSeedRow(row, project, t.anchorMs, i)),
    requests: t.requests.map((r) =>
      r.kind === 'stats'
        ? { path: '/feedback/stats', body: toStatsBody(r.stats, project, t.anchorMs) }
        : { path: '/feedback/aggregate', body: toAggregateBody(r.aggregate, project, t.anchorMs) },
    ),
  };
}
