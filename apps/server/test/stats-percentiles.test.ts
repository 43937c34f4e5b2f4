// The percentile-only statement (sql/stats-percentiles.ts) against the statement it replaces on
// the roll-up path (buildStatsSql with the metrics' aggregations emptied, as splitStatsMetrics
// leaves them): random rows around DST changes, values at the float range's edges (the halved
// second statement) and of every JSON type, random windows, zones, granularities and filters.
// Every percentile must be the same float8, bit for bit (Object.is), in the same bucket; a bucket
// the new statement leaves out must have only null percentiles in the old one.
// Sized by FEEDBACK_TEST_RUNS / 4 (at least 25) per engine, seeded by FEEDBACK_TEST_SEED.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FeedbackCreateReq, FeedbackMetricSpec, FeedbackStatsReq } from '@feedback/api-types';
import { ApiError, checkCreateRequest, checkStatsRequest } from '@feedback/semantics';
import { describe, expect, it } from 'vitest';
import { splitStatsMetrics } from '../src/rollups/plan-stats.js';
import { toInsertRow } from '../src/sql/feedback-row.js';
import { insertFeedback } from '../src/sql/feedback-store.js';
import { onlyPercentiles, runStatsPercentilesQuery } from '../src/sql/stats-percentiles.js';
import { metricColumn, runStatsQuery, toStatsQuery, type StatsQuery } from '../src/sql/stats-query.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RUNS = Math.max(25, Math.round(fuzzRuns() / 4));
const NOW = Date.parse('2025-01-01T00:00:00Z');

const ANCHORS = ['2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2024-04-06T15:00:00Z', '2024-06-01T00:00:00Z'].map((iso) => Date.parse(iso));
const ZONES = ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

// Ties, the float range's edges (neighbours whose difference overflows), a subnormal, integers.
const numberArb = fc.oneof(
  fc.constantFrom(0, 0.1, 0.7, 1, -1, 1e308, -1e308, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 2 ** 53),
  fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
);
const scalarArb = fc.oneof({ weight: 4, arbitrary: numberArb }, fc.boolean(), fc.constantFrom('0.5', 'true'), fc.constant(null));

const rowArb = fc.record({
  offsetMs: fc.integer({ min: -DAY, max: DAY }),
  type: fc.constantFrom('custom.a', 'custom.b'),
  monitor: fc.constantFrom(undefined, 'mon', 'monday'),
  payload: fc.record({ score: scalarArb, ok: scalarArb, nested: fc.oneof(fc.record({ value: scalarArb }), scalarArb) }, { requiredKeys: ['score'] }),
});
type RowTemplate = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function createBody(project: string, t: RowTemplate, index: number): FeedbackCreateReq {
  const common = { project_id: project, weave_ref: `weave:///${project}/call/c${index}`, payload: t.payload };
  if (t.monitor === undefined) return { ...common, feedback_type: t.type };
  return {
    ...common,
    feedback_type: 'wandb.agent_monitor',
    runnable_ref: `weave:///${project}/object/judge:v1`,
    call_ref: `weave:///${project}/call/scorer-call`,
    trigger_ref: `weave:///${project}/object/${t.monitor}:v1`,
  };
}

const metricArb: fc.Arbitrary<FeedbackMetricSpec> = fc.record({
  json_path: fc.constantFrom('score', 'score', 'ok', 'nested.value', 'missing'),
  value_type: fc.constantFrom('numeric' as const, 'boolean' as const),
  aggregations: fc.subarray(['min', 'max'] as const).map((a) => [...a]),
  percentiles: fc.uniqueArray(fc.constantFrom(0, 5, 50, 95, 99.5, 100), { minLength: 1, maxLength: 3 }),
});

const requestArb = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  rows: fc.array(rowArb, { minLength: 5, maxLength: 40 }),
  start: fc.integer({ min: -DAY - 2 * HOUR, max: 0 }),
  length: fc.oneof(fc.integer({ min: HOUR, max: 2 * DAY }), fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR)),
  granularity: fc.constantFrom(null, 900, 2700, 3600, 86_400),
  timezone: fc.constantFrom(...ZONES),
  feedback_type: fc.constantFrom(undefined, undefined, 'custom.a', 'wandb.agent_monitor'),
  trigger_ref: fc.constantFrom(undefined, undefined, 'mon:v1', 'mon:*'),
  metrics: fc.uniqueArray(metricArb, { minLength: 1, maxLength: 3, selector: (m) => m.json_path }),
});

/** The request's percentile metrics as the roll-up read path hands them to the raw statement. */
function percentileQuery(project: string, r: typeof requestArb extends fc.Arbitrary<infer T> ? T : never): StatsQuery | null {
  const body: FeedbackStatsReq = {
    project_id: project,
    start: new Date(r.anchor + r.start).toISOString(),
    end: new Date(r.anchor + r.start + r.length).toISOString(),
    granularity: r.granularity,
    timezone: r.timezone,
    metrics: r.metrics,
  };
  if (r.feedback_type !== undefined) body.feedback_type = r.feedback_type;
  if (r.trigger_ref !== undefined) body.trigger_ref = `weave:///${project}/object/${r.trigger_ref}`;
  let q: StatsQuery;
  try {
    q = toStatsQuery(checkStatsRequest(body, NOW));
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
  return { ...q, metrics: splitStatsMetrics(q.metrics).raw.map((m) => m.metric) };
}

describe.each(testEngines())('percentile-only statement on $name', (engine) => {
  const t = useTestDatabase(engine);

  it(`gives the old statement's percentiles, bit for bit, on ${RUNS} random datasets (seed ${fuzzSeed()})`, async () => {
    let run = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        run += 1;
        const project = `acme/pct-${run}`;
        const rows = r.rows.map((row, i) => toInsertRow(checkCreateRequest(createBody(project, row, i), 'alice'), randomUUID(), r.anchor + row.offsetMs));
        if (rows.length > 0) await insertFeedback(t().db, rows);
        const q = percentileQuery(project, r);
        if (q === null) return;
        expect(onlyPercentiles(q.metrics)).toBe(true);
        const before = await runStatsQuery(t().db, q);
        const after = new Map((await runStatsPercentilesQuery(t().db, q)).map((row) => [row.bucket_key, row]));
        expect(after.has(null)).toBe(true);
        for (const old of before) {
          const now = after.get(old.bucket_key);
          q.metrics.forEach((_, i) => {
            const was = old[metricColumn(i, 0)] ?? null;
            const is = now?.[metricColumn(i, 0)] ?? null;
            expect({ bucket: old.bucket_key, metric: i, percentiles: is }).toEqual({ bucket: old.bucket_key, metric: i, percentiles: was });
            if (Array.isArray(was)) {
              expect(Array.isArray(is) && is.every((v, k) => Object.is(v, was[k]))).toBe(true);
              compared += 1;
            }
          });
          after.delete(old.bucket_key);
        }
        // No bucket the old statement did not have.
        expect([...after.keys()]).toEqual([]);
      }),
      { numRuns: RUNS, seed: fuzzSeed() },
    );
    expect(compared).toBeGreaterThan(RUNS);
  }, 300_000);

  it('takes the halved second statement where neighbours span the float range', async () => {
    const project = 'acme/pct-wide';
    const at = ANCHORS[0] as number;
    const values = [-1.7976931348623157e308, 1.7976931348623157e308, 1e308];
    await insertFeedback(t().db, values.map((score, i) => toInsertRow(checkCreateRequest({ project_id: project, weave_ref: `weave:///${project}/call/w${i}`, feedback_type: 'custom.a', payload: { score } }, 'alice'), randomUUID(), at + i)));
    const q = percentileQuery(project, {
      anchor: at, rows: [], start: 0, length: HOUR, granularity: 3600, timezone: 'UTC', feedback_type: undefined, trigger_ref: undefined,
      metrics: [{ json_path: 'score', value_type: 'numeric', aggregations: [], percentiles: [0, 25, 50] }],
    });
    if (q === null) throw new Error('the request was refused');
    const window = (await runStatsPercentilesQuery(t().db, q)).find((r) => r.bucket_key === null);
    const old = (await runStatsQuery(t().db, q)).find((r) => r.bucket_key === null);
    // p25 lies halfway between the lowest and 1e308: hi − lo overflows, so it is twice the
    // halved interpolation.
    const lo = -1.7976931348623157e308;
    expect(window?.[metricColumn(0, 0)]).toEqual([lo, 2 * (lo / 2 + 0.5 * (1e308 / 2 - lo / 2)), 1e308]);
    expect(window?.[metricColumn(0, 0)]).toEqual(old?.[metricColumn(0, 0)]);
  });
});
