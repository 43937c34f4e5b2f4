// The roll-up read path against the raw read path: random datasets (rows around DST changes,
// rows rolled up, not yet rolled up, and past the leaf bounds; fresh roll-up rows and compacted
// ones), random stats requests (zones with DST, 30- and 45-minute offsets, ragged windows, every
// filter and metric kind, percentiles) and random aggregate requests (every filter and group_by,
// bucketed or not; a third of them shaped for the narrow scorer × status roll-up), each answered
// both ways; the assembled bodies must be byte-identical (JSON.stringify), or both the same error.
// Plus read-your-writes: a create's 200 is in the very next stats and aggregate read.
// Sized by FEEDBACK_TEST_RUNS / 5 (at least 20) per engine, seeded by FEEDBACK_TEST_SEED.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { AggregationType, FeedbackAggregateReq, FeedbackCreateReq, FeedbackMetricSpec, FeedbackStatsReq, GroupByDimension, SpanStatusCode, SpanType } from '@feedback/api-types';
import { ApiError, checkAggregateRequest, checkCreateRequest, checkStatsRequest } from '@feedback/semantics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactProject } from '../src/rollups/compactor.js';
import { planAggregate } from '../src/rollups/plan-aggregate.js';
import { planStats } from '../src/rollups/plan-stats.js';
import { aggregateAnswer } from '../src/routes/aggregate.js';
import { statsAnswer } from '../src/routes/stats.js';
import { toAggregateQuery } from '../src/sql/aggregate-query.js';
import { toInsertRow } from '../src/sql/feedback-row.js';
import { insertFeedback } from '../src/sql/feedback-store.js';
import { toStatsQuery } from '../src/sql/stats-query.js';
import type { Db } from '../src/storage/db.js';
import { testEngines } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RUNS = Math.max(20, Math.round(fuzzRuns() / 5));

// Instants next to DST changes (New York, London, Lord Howe's 30-minute one) and a quiet day.
const ANCHORS = [
  '2024-03-10T07:00:00Z', '2024-11-03T06:00:00Z', '2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z',
  '2024-04-06T15:00:00Z', '2024-10-05T15:30:00Z', '2024-06-01T00:00:00Z',
].map((iso) => Date.parse(iso));
const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

// Decimals whose float running sums depend on order, huge values (a sum past the float range is a
// 400 on both paths), a subnormal, integers, zero.
const numberArb = fc.oneof(
  fc.constantFrom(0, 0.1, 0.2, 0.7, 1, -1, 1e16, -1e16, 1e308, 5e-324, 123456.789, 2 ** 53),
  fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000),
  fc.integer({ min: -1000, max: 1000 }),
);
const scalarArb = fc.oneof(numberArb, fc.boolean(), fc.constantFrom('good', 'bad', '0.5', 'true', ''), fc.constant(null));

/** Nine keys deep: past the leaf depth bound, so the row is never rolled up and is read raw. */
const deepPayload = (v: unknown): Record<string, unknown> => ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'].reduceRight<Record<string, unknown>>((inner, k) => ({ [k]: inner }), { d9: v });
/** More leaves than the bound (64). */
const widePayload = (v: number): Record<string, unknown> => Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, v + i]));

const payloadArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ score: scalarArb, ok: scalarArb, label: scalarArb, nested: fc.oneof(fc.record({ value: scalarArb }), scalarArb), 'a b': numberArb }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: numberArb.map((v) => ({ score: v, ...deepPayload(v) })) },
  { weight: 1, arbitrary: numberArb.map((v) => ({ score: v, ok: true, ...widePayload(typeof v === 'number' ? v : 0) })) },
);

const rowArb = fc.record({
  offsetMs: fc.oneof(fc.integer({ min: -DAY, max: DAY }), fc.integer({ min: -96, max: 96 }).map((k) => k * 900_000)),
  family: fc.constantFrom('custom', 'runnable', 'monitor'),
  scorer: fc.constantFrom('judge', 'judge2', 'x'),
  monitor: fc.constantFrom('mon', 'monday'),
  payload: payloadArb,
  tags: fc.array(fc.constantFrom('t1', 't2', 'ünï', '__proto__'), { maxLength: 3 }),
  ratings: fc.dictionary(fc.constantFrom('_rating_', 'r2'), fc.integer({ min: 0, max: 100 }).map((k) => k / 100), { maxKeys: 2 }),
  agent: fc.constantFrom('', 'agent-a', 'agent-b'),
  version: fc.constantFrom('', 'v1'),
  status: fc.constantFrom<SpanStatusCode>('UNSET', 'OK', 'ERROR'),
  spanKind: fc.constantFrom('call', 'agent_turn', 'agent_conversation'),
});
type RowTemplate = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function createBody(project: string, t: RowTemplate, index: number): FeedbackCreateReq {
  const weaveRef = `weave:///${project}/${t.spanKind}/span-${index % 3}`;
  const common = { project_id: project, weave_ref: weaveRef, payload: t.payload, span_agent_name: t.agent, span_agent_version: t.version, span_status_code: t.status };
  switch (t.family) {
    case 'custom':
      return { ...common, feedback_type: 'custom.metric' };
    case 'runnable':
      return { ...common, payload: { output: null, ...t.payload }, feedback_type: `wandb.runnable.${t.scorer}`, runnable_ref: `weave:///${project}/object/${t.scorer}:v1`, scorer_tags: t.tags, scorer_ratings: t.ratings };
    default:
      return {
        ...common,
        feedback_type: 'wandb.agent_monitor',
        runnable_ref: `weave:///${project}/object/${t.scorer}:v1`,
        call_ref: `weave:///${project}/call/scorer-call`,
        trigger_ref: `weave:///${project}/object/${t.monitor}:v1`,
        scorer_tags: t.tags,
        scorer_ratings: t.ratings,
      };
  }
}

// Batches of rows, each written with its roll-up deltas or without (as with FEEDBACK_ROLLUPS=off
// or before the backfill: read raw until rolled up), and sometimes compacted after it: the
// reads then add compacted rows at each level and the fresh rows written later.
const datasetArb = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  batches: fc.array(
    fc.record({
      rolledUp: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      compactAfter: fc.boolean(),
      rows: fc.array(rowArb, { minLength: 5, maxLength: 30 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

async function seed(db: Db, project: string, d: Dataset): Promise<void> {
  let index = 0;
  for (const batch of d.batches) {
    const rows = batch.rows.map((t) => toInsertRow(checkCreateRequest(createBody(project, t, index++), 'alice'), randomUUID(), d.anchor + t.offsetMs));
    await insertFeedback(db, rows, { rollups: batch.rolledUp });
    if (batch.compactAfter) await compactProject(db, project);
  }
}

const NUMERIC_AGGS: AggregationType[] = ['avg', 'sum', 'min', 'max', 'count', 'count_true', 'count_false'];
const percentilesArb = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(0, 50, 95, 99.5, 100), { minLength: 1, maxLength: 2 }) });
const metricArb: fc.Arbitrary<FeedbackMetricSpec> = fc.oneof(
  fc.record({ json_path: fc.constantFrom('score', 'nested.value', 'a b', 'd1.d2.d3.d4.d5.d6.d7.d8.d9', 'k3'), aggregations: fc.subarray(NUMERIC_AGGS), percentiles: percentilesArb }),
  fc.record({ json_path: fc.constantFrom('ok', 'nested.value', 'score'), value_type: fc.constant('boolean' as const), aggregations: fc.subarray(NUMERIC_AGGS), percentiles: percentilesArb }),
  fc.record({ json_path: fc.constantFrom('label', 'score'), value_type: fc.constant('categorical' as const), aggregations: fc.subarray<AggregationType>(['min', 'max', 'count']) }),
).map((m) => JSON.parse(JSON.stringify(m)) as FeedbackMetricSpec);

const windowStartArb = fc.oneof(
  fc.integer({ min: -DAY - 2 * HOUR, max: 2 * HOUR }),
  fc.integer({ min: -104, max: 8 }).map((k) => k * 900_000),
  fc.integer({ min: -1, max: 0 }).map((k) => k * DAY + 30 * 60_000),
);
const lengthArb = fc.oneof(fc.integer({ min: 0, max: 2 * DAY }), fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR), fc.integer({ min: 1, max: 3 }).map((d) => d * DAY));

function statsRequestArb(project: string, anchor: number): fc.Arbitrary<FeedbackStatsReq> {
  return fc.record({
    start: windowStartArb,
    length: lengthArb,
    granularity: fc.constantFrom(null, 300, 900, 1800, 2700, 3600, 7200, 21_600, 86_400),
    timezone: fc.constantFrom(...ZONES),
    feedback_type: fc.constantFrom(undefined, undefined, undefined, '', 'custom.metric', 'wandb.runnable.judge', 'wandb.agent_monitor'),
    // A trigger_ref filter sends the whole request raw (the stats roll-ups have no trigger_ref):
    // rarer, so most requests still exercise the roll-ups.
    trigger_ref: fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('', `weave:///${project}/object/mon:v1`, `weave:///${project}/object/mon:*`) },
    ),
    metrics: fc.uniqueArray(metricArb, { maxLength: 3, selector: (m) => m.json_path }),
  }).map((r) => {
    const body: FeedbackStatsReq = {
      project_id: project,
      start: new Date(anchor + r.start).toISOString(),
      end: new Date(anchor + r.start + r.length).toISOString(),
      granularity: r.granularity,
      timezone: r.timezone,
      metrics: r.metrics,
    };
    if (r.feedback_type !== undefined) body.feedback_type = r.feedback_type;
    if (r.trigger_ref !== undefined) body.trigger_ref = r.trigger_ref;
    return body;
  });
}

const GROUP_BY: GroupByDimension[] = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'];

const NARROW_GROUP_BY = new Set<GroupByDimension>(['scorer_id', 'span_status_code']);

/**
 * Any request; one in three shaped as dashboards send them (grouped by scorer and span status at
 * most, filtered by scorer at most), which the narrow aggregate roll-up answers: a random request
 * would be that shape only about once in a hundred.
 */
function aggregateRequestArb(project: string, anchor: number): fc.Arbitrary<FeedbackAggregateReq> {
  const any = anyAggregateRequestArb(project, anchor);
  const dashboardShaped = any.map((body) => ({
    ...body,
    group_by: (body.group_by ?? []).filter((g) => NARROW_GROUP_BY.has(g)),
    feedback_types: [],
    monitor_ids: [],
    span_agent_names: [],
    span_types: [],
  }));
  return fc.oneof({ weight: 2, arbitrary: any }, { weight: 1, arbitrary: dashboardShaped });
}

function anyAggregateRequestArb(project: string, anchor: number): fc.Arbitrary<FeedbackAggregateReq> {
  return fc.record({
    after: windowStartArb,
    length: fc.oneof(fc.integer({ min: 1, max: 2 * DAY }), fc.integer({ min: 1, max: 48 }).map((h) => h * HOUR)),
    time_bucket_seconds: fc.constantFrom(null, 600, 900, 1800, 3600, 7200, 86_400),
    group_by: fc.shuffledSubarray(GROUP_BY),
    feedback_types: fc.constantFrom([], [], [], ['wandb.runnable.'], ['custom*'], ['wandb.agent_monitor', 'custom.metric'], ['']),
    scorer_ids: fc.constantFrom([], [], [], ['judge'], ['jud*'], ['']),
    monitor_ids: fc.constantFrom([], [], [], ['mon'], ['mon*']),
    span_agent_names: fc.constantFrom([], [], ['agent-a'], ['']),
    span_types: fc.constantFrom([], [], [], ['agent_turn'], ['agent_turn', 'agent_conversation']),
    tags: fc.constantFrom([], [], [], ['t1']),
    rating_min: fc.constantFrom(undefined, undefined, undefined, 0.5),
  }).map((r) => {
    const body: FeedbackAggregateReq = {
      project_id: project,
      after_ms: anchor + r.after,
      before_ms: anchor + r.after + r.length,
      time_bucket_seconds: r.time_bucket_seconds,
      group_by: r.group_by,
      feedback_types: [...r.feedback_types],
      scorer_ids: [...r.scorer_ids],
      monitor_ids: [...r.monitor_ids],
      span_agent_names: [...r.span_agent_names],
      span_types: [...r.span_types] as SpanType[],
      tags: [...r.tags],
    };
    if (r.rating_min !== undefined) body.rating_min = r.rating_min;
    return body;
  });
}

const PLACEHOLDER = 'acme/rollup-diff';

function checkedOrNull<T>(check: () => T): T | null {
  try {
    return check();
  } catch (err) {
    if (err instanceof ApiError) return null;
    throw err;
  }
}

/** The body both ways, or the refusal: JSON text, so a difference in any byte shows. */
async function outcome(answer: () => Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await answer());
  } catch (err) {
    if (err instanceof ApiError) return `refused: ${JSON.stringify(err)} ${err.message}`;
    throw err;
  }
}

describe.each(testEngines())('roll-up reads equal raw reads on $name', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await srv?.close();
  });

  it(`gives byte-identical stats and aggregate answers on ${RUNS} random datasets (seed ${fuzzSeed()})`, async () => {
    let run = 0;
    let planned = 0;
    let requests = 0;
    let withRows = 0;
    await fc.assert(
      fc.asyncProperty(
        datasetArb.chain((d) => fc.record({
          d: fc.constant(d),
          stats: fc.array(statsRequestArb(PLACEHOLDER, d.anchor), { minLength: 1, maxLength: 4 }),
          aggregates: fc.array(aggregateRequestArb(PLACEHOLDER, d.anchor), { minLength: 1, maxLength: 4 }),
        })),
        async ({ d, stats, aggregates }) => {
          // A project per run, shrink steps included.
          run += 1;
          const project = `${PLACEHOLDER}-${run}`;
          await seed(srv.db, project, d);
          for (const req of stats) {
            const body: FeedbackStatsReq = { ...req, project_id: project };
            if (req.trigger_ref !== undefined && req.trigger_ref !== null) body.trigger_ref = req.trigger_ref.replace(PLACEHOLDER, project);
            requests += 1;
            const checked = checkedOrNull(() => checkStatsRequest(body, srv.clock.now));
            if (checked === null) continue; // refused before any read: the same on both paths
            if (planStats(toStatsQuery(checked)) !== null) planned += 1;
            const viaRollups = await outcome(() => statsAnswer(srv.db, checked, 'rollups'));
            const viaRaw = await outcome(() => statsAnswer(srv.db, checked, 'raw'));
            expect(viaRollups, JSON.stringify(body)).toBe(viaRaw);
            if (/"count":[1-9]/.test(viaRaw)) withRows += 1;
          }
          for (const req of aggregates) {
            const body: FeedbackAggregateReq = { ...req, project_id: project };
            requests += 1;
            const checked = checkedOrNull(() => checkAggregateRequest(body));
            if (checked === null) continue;
            if (planAggregate(toAggregateQuery(checked)) !== null) planned += 1;
            const viaRollups = await outcome(() => aggregateAnswer(srv.db, checked, 'rollups'));
            const viaRaw = await outcome(() => aggregateAnswer(srv.db, checked, 'raw'));
            expect(viaRollups, JSON.stringify(body)).toBe(viaRaw);
            if (/"total_count":[1-9]/.test(viaRaw)) withRows += 1;
          }
        },
      ),
      { seed: fuzzSeed(), numRuns: RUNS },
    );
    // The generators must reach the roll-ups: most requests are planned onto cells.
    expect(planned / requests, `${planned} of ${requests} requests read roll-ups`).toBeGreaterThan(0.4);
    expect(withRows / requests, `${withRows} of ${requests} answers count rows`).toBeGreaterThan(0.4);
  }, 120_000 + RUNS * 3_000);

  it('a 200 from create is in the very next stats and aggregate read, through the roll-ups', async () => {
    const P = 'acme/rollup-read-your-writes';
    const start = Date.parse('2024-06-01T00:00:00Z');
    const statsBody: FeedbackStatsReq = { project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-02T00:00:00Z', granularity: 3600, metrics: [{ json_path: 'score', aggregations: ['sum', 'count'] }] };
    const aggregateBody: FeedbackAggregateReq = { project_id: P, after_ms: start, before_ms: start + DAY, time_bucket_seconds: 3600, group_by: ['scorer_id'] };
    expect(planStats(toStatsQuery(checkStatsRequest(statsBody, start)))).not.toBeNull();
    for (let i = 1; i <= 3; i += 1) {
      srv.clock.now = start + i * HOUR + i * 1000;
      await srv.client().create({
        project_id: P, weave_ref: `weave:///${P}/call/c${i}`, feedback_type: 'wandb.runnable.judge',
        runnable_ref: `weave:///${P}/object/judge:v1`, payload: { output: null, score: i / 10 }, scorer_ratings: { _rating_: i / 10 },
      });
      const stats = await srv.client().stats(statsBody);
      expect(stats.window_stats).toEqual({ score: { sum: [0.1, 0.3, 0.6][i - 1], count: i } });
      const aggregate = await srv.client().aggregate(aggregateBody);
      expect(aggregate.buckets?.map((b) => b.total_count)).toEqual(Array.from({ length: i }, () => 1));
    }
    const flagged = await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback WHERE project_id = $1 AND rolled_up', [P]);
    expect(flagged.rows[0]?.n).toBe(3);
  });
});
