import fc from 'fast-check';
import { bucketKeyOf, resolveMetrics } from '@feedback/semantics';
import { describe, expect, it } from 'vitest';
import { aggregateBucketRanges, aggregateRollupTable, planAggregate } from './plan-aggregate.js';
import { mergeRanges, tileRange, type RollupPlan, type TimeRange } from './plan-cells.js';
import { planStats, splitStatsMetrics, statsBucketRanges } from './plan-stats.js';
import { AGGREGATE_SCORER_TABLE, AGGREGATE_TABLE } from './rollup-tables.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const Q = 900_000;
const at = (iso: string): number => Date.parse(iso);

/** The plan's pieces (cells and raw ranges) of every bucket, sorted: they must tile the window. */
function pieces(plan: RollupPlan): (TimeRange & { key: number; level: number })[] {
  return plan.buckets
    .flatMap((b) => [...b.cells.map((c) => ({ ...c, key: b.key })), ...b.raw.map((r) => ({ ...r, key: b.key, level: 0 }))])
    .sort((a, b) => a.fromMs - b.fromMs);
}

function expectTiles(plan: RollupPlan, fromMs: number, toMs: number): void {
  let cursor = fromMs;
  for (const p of pieces(plan)) {
    expect(p.fromMs).toBe(cursor);
    expect(p.toMs).toBeGreaterThan(p.fromMs);
    if (p.level > 0) {
      expect(p.fromMs % (p.level * 1000)).toBe(0);
      expect(p.toMs % (p.level * 1000)).toBe(0);
    }
    cursor = p.toMs;
  }
  expect(cursor).toBe(toMs);
}

describe('tileRange', () => {
  it('uses the coarsest aligned cells and leaves the ragged edges raw', () => {
    expect(tileRange(at('2024-06-01T00:00:00Z'), at('2024-06-03T00:00:00Z'))).toEqual({
      cells: [{ level: 86_400, fromMs: at('2024-06-01T00:00:00Z'), toMs: at('2024-06-03T00:00:00Z') }],
      raw: [],
    });
    expect(tileRange(at('2024-06-01T22:40:05.5Z'), at('2024-06-03T01:50:00Z'))).toEqual({
      cells: [
        { level: 900, fromMs: at('2024-06-01T22:45:00Z'), toMs: at('2024-06-01T23:00:00Z') },
        { level: 3600, fromMs: at('2024-06-01T23:00:00Z'), toMs: at('2024-06-02T00:00:00Z') },
        { level: 86_400, fromMs: at('2024-06-02T00:00:00Z'), toMs: at('2024-06-03T00:00:00Z') },
        { level: 3600, fromMs: at('2024-06-03T00:00:00Z'), toMs: at('2024-06-03T01:00:00Z') },
        { level: 900, fromMs: at('2024-06-03T01:00:00Z'), toMs: at('2024-06-03T01:45:00Z') },
      ],
      raw: [
        { fromMs: at('2024-06-01T22:40:05.5Z'), toMs: at('2024-06-01T22:45:00Z') },
        { fromMs: at('2024-06-03T01:45:00Z'), toMs: at('2024-06-03T01:50:00Z') },
      ],
    });
    expect(tileRange(at('2024-06-01T00:01:00Z'), at('2024-06-01T00:14:00Z'))).toEqual({ cells: [], raw: [{ fromMs: at('2024-06-01T00:01:00Z'), toMs: at('2024-06-01T00:14:00Z') }] });
    expect(tileRange(5, 5)).toEqual({ cells: [], raw: [] });
  });

  it('covers any range exactly, with aligned cells, and leaves no whole quarter hour raw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 5 * DAY }), (from, length) => {
        const { cells, raw } = tileRange(from, from + length);
        let cursor = from;
        for (const p of [...cells, ...raw].sort((a, b) => a.fromMs - b.fromMs)) {
          expect(p.fromMs).toBe(cursor);
          cursor = p.toMs;
        }
        expect(cursor).toBe(from + length);
        for (const c of cells) expect([c.fromMs % (c.level * 1000), c.toMs % (c.level * 1000)]).toEqual([0, 0]);
        for (const r of raw) expect(Math.floor(r.toMs / Q) * Q - Math.ceil(r.fromMs / Q) * Q).toBeLessThan(Q);
        // Coarsest first: a finer range never holds a whole cell of the next coarser level.
        for (const c of cells) {
          if (c.level === 86_400) continue;
          const coarser = c.level === 900 ? 3_600_000 : DAY;
          expect(Math.floor(c.toMs / coarser) * coarser - Math.ceil(c.fromMs / coarser) * coarser).toBeLessThan(coarser);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('mergeRanges joins adjacent ranges', () => {
    expect(mergeRanges([{ fromMs: 5, toMs: 9 }, { fromMs: 0, toMs: 5 }, { fromMs: 12, toMs: 13 }])).toEqual([{ fromMs: 0, toMs: 9 }, { fromMs: 12, toMs: 13 }]);
  });
});

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham'];

describe('stats plan', () => {
  it('puts every instant of the window in the range of its own bucket key (DST, 30- and 45-minute zones)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        // Windows around the 2024 DST changes of the northern and southern hemispheres.
        fc.constantFrom(at('2024-03-09T00:00:00Z'), at('2024-03-30T12:00:00Z'), at('2024-04-06T00:00:00Z'), at('2024-10-26T12:00:00Z'), at('2024-11-02T12:00:00Z')),
        fc.integer({ min: -2 * DAY, max: 2 * DAY }),
        fc.integer({ min: 0, max: 4 * DAY }),
        fc.constantFrom(300, 900, 1800, 3600, 5400, 7000, 21_600, 43_200, 86_400, 172_800),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (timeZone, base, shift, length, granularity, probes) => {
          const startMs = base + shift;
          const endMs = startMs + length;
          const ranges = statsBucketRanges({ startMs, endMs, granularity, timeZone });
          let cursor = startMs;
          for (const r of ranges) {
            expect(r.fromMs).toBe(cursor);
            expect(r.toMs).toBeGreaterThan(r.fromMs);
            expect(bucketKeyOf(r.fromMs, granularity, timeZone)).toBe(r.key);
            expect(bucketKeyOf(r.toMs - 1, granularity, timeZone)).toBe(r.key);
            cursor = r.toMs;
          }
          expect(cursor).toBe(endMs);
          for (const p of probes) {
            const t = startMs + Math.floor(p * length);
            if (t >= endMs) continue;
            const r = ranges.find((x) => x.fromMs <= t && t < x.toMs);
            expect(r?.key).toBe(bucketKeyOf(t, granularity, timeZone));
          }
          const plan = planStats({ startMs, endMs, granularity, timeZone });
          if (plan !== null) expectTiles(plan, startMs, endMs);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('New York daily over the spring-forward day: a 23-hour bucket of 23 hour cells', () => {
    const plan = planStats({ startMs: at('2024-03-09T05:00:00Z'), endMs: at('2024-03-12T04:00:00Z'), granularity: 86_400, timeZone: 'America/New_York' });
    expect(plan?.buckets.map((b) => [b.key, b.cells.map((c) => [c.level, (c.toMs - c.fromMs) / (c.level * 1000)]), b.raw])).toEqual([
      [at('2024-03-09T00:00:00Z') / 1000, [[3600, 24]], []],
      [at('2024-03-10T00:00:00Z') / 1000, [[3600, 23]], []],
      [at('2024-03-11T00:00:00Z') / 1000, [[3600, 24]], []],
    ]);
  });

  it('a key that recurs when clocks fall back is one bucket of two ranges', () => {
    // London, 2024-10-27 01:00 BST = 00:00Z: local 01:00–02:00 happens twice.
    const plan = planStats({ startMs: at('2024-10-26T23:00:00Z'), endMs: at('2024-10-27T02:00:00Z'), granularity: 900, timeZone: 'Europe/London' });
    const oneAm = plan?.buckets.find((b) => b.key === at('2024-10-27T01:00:00Z') / 1000);
    expect(oneAm?.cells).toEqual([
      { level: 900, fromMs: at('2024-10-27T00:00:00Z'), toMs: at('2024-10-27T00:15:00Z') },
      { level: 900, fromMs: at('2024-10-27T01:00:00Z'), toMs: at('2024-10-27T01:15:00Z') },
    ]);
    expect(plan?.buckets).toHaveLength(8);
  });

  it('Kolkata (+5:30) and Kathmandu (+5:45) days use 15-minute cells at their edges', () => {
    const kathmandu = planStats({ startMs: at('2024-06-01T18:15:00Z'), endMs: at('2024-06-02T18:15:00Z'), granularity: 86_400, timeZone: 'Asia/Kathmandu' });
    expect(kathmandu?.buckets[0]?.cells.map((c) => [c.level, new Date(c.fromMs).toISOString(), new Date(c.toMs).toISOString()])).toEqual([
      [900, '2024-06-01T18:15:00.000Z', '2024-06-01T19:00:00.000Z'],
      [3600, '2024-06-01T19:00:00.000Z', '2024-06-02T18:00:00.000Z'],
      [900, '2024-06-02T18:00:00.000Z', '2024-06-02T18:15:00.000Z'],
    ]);
    const kolkata = planStats({ startMs: at('2024-06-01T18:30:00Z'), endMs: at('2024-06-02T18:30:00Z'), granularity: 86_400, timeZone: 'Asia/Kolkata' });
    expect(kolkata?.buckets.flatMap((b) => b.cells.map((c) => c.level))).toEqual([900, 3600, 900]);
    expect(kolkata?.raw).toEqual([]);
  });

  it('ragged window edges are raw; a grid with no whole quarter hour is all raw (null)', () => {
    const plan = planStats({ startMs: at('2024-06-01T00:07:00Z'), endMs: at('2024-06-01T05:59:59.999Z'), granularity: 3600, timeZone: 'UTC' });
    expect(plan?.raw).toEqual([
      { fromMs: at('2024-06-01T00:07:00Z'), toMs: at('2024-06-01T00:15:00Z') },
      { fromMs: at('2024-06-01T05:45:00Z'), toMs: at('2024-06-01T05:59:59.999Z') },
    ]);
    expect(planStats({ startMs: at('2024-06-01T00:00:00Z'), endMs: at('2024-06-01T02:00:00Z'), granularity: 300, timeZone: 'UTC' })).toBeNull();
    expect(planStats({ startMs: at('2024-06-01T00:00:00Z'), endMs: at('2024-06-01T00:00:00Z'), granularity: 300, timeZone: 'UTC' })).toBeNull();
  });

  it('a trigger_ref filter (exact or prefix) reads the whole request raw; none, or null, does not', () => {
    const w = { startMs: at('2024-06-01T00:00:00Z'), endMs: at('2024-06-02T00:00:00Z'), granularity: 3600, timeZone: 'UTC' };
    expect(planStats({ ...w, triggerRef: { value: 'weave:///a/b/object/m:v1', prefix: false } })).toBeNull();
    expect(planStats({ ...w, triggerRef: { value: 'weave:///a/b/', prefix: true } })).toBeNull();
    expect(planStats({ ...w, triggerRef: null })?.buckets).toHaveLength(24);
    expect(planStats(w)?.buckets).toHaveLength(24);
  });

  it('reads categorical metrics whole and percentiles only raw', () => {
    const metrics = resolveMetrics([
      { json_path: 'score', aggregations: ['avg'], percentiles: [50] },
      { json_path: 'label', value_type: 'categorical' },
      { json_path: 'ok', value_type: 'boolean' },
    ]);
    const split = splitStatsMetrics(metrics);
    expect(split.rolledUp).toEqual([0, 2]);
    expect(split.raw.map((r) => [r.index, r.metric.aggregations, r.metric.percentiles.length])).toEqual([[0, [], 1], [1, ['count'], 0]]);
  });
});

describe('aggregate plan', () => {
  const base = { tags: [], ratingMin: null, ratingMax: null };

  it('tiles each UTC bucket of time_bucket_seconds, or the whole range when unbucketed', () => {
    const plan = planAggregate({ ...base, afterMs: at('2024-06-01T00:10:00Z'), beforeMs: at('2024-06-01T03:00:00Z'), bucketMs: HOUR });
    expect(plan?.buckets.map((b) => [new Date(b.key).toISOString(), b.cells.length, b.raw.length])).toEqual([
      ['2024-06-01T00:00:00.000Z', 1, 1],
      ['2024-06-01T01:00:00.000Z', 1, 0],
      ['2024-06-01T02:00:00.000Z', 1, 0],
    ]);
    const total = planAggregate({ ...base, afterMs: 0, beforeMs: at('2024-06-01T00:00:00Z'), bucketMs: null });
    expect(total?.buckets).toEqual([{ key: 0, cells: [{ level: 86_400, fromMs: 0, toMs: at('2024-06-01T00:00:00Z') }], raw: [] }]);
  });

  it('is raw for tag and rating filters, and for buckets no quarter hour fills', () => {
    const range = { afterMs: at('2024-06-01T00:00:00Z'), beforeMs: at('2024-06-02T00:00:00Z'), bucketMs: HOUR };
    expect(planAggregate({ ...base, ...range, tags: ['x'] })).toBeNull();
    expect(planAggregate({ ...base, ...range, ratingMin: 0.5 })).toBeNull();
    expect(planAggregate({ ...base, ...range, ratingMax: 0.5 })).toBeNull();
    expect(planAggregate({ ...base, ...range, bucketMs: 600_000 })).toBeNull();
  });

  it('covers the range exactly with buckets keyed by their UTC start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 3 * DAY }), fc.option(fc.integer({ min: 1, max: 2 * DAY }), { nil: null }), (afterMs, length, bucketMs) => {
        fc.pre(bucketMs === null || length / bucketMs <= 256);
        const ranges = aggregateBucketRanges({ afterMs, beforeMs: afterMs + length, bucketMs });
        for (const r of ranges) {
          expect(r.key).toBe(bucketMs === null ? 0 : r.fromMs - (r.fromMs % bucketMs));
          if (bucketMs !== null) expect(r.key).toBe(r.toMs - 1 - ((r.toMs - 1) % bucketMs));
        }
        const plan = planAggregate({ ...base, afterMs, beforeMs: afterMs + length, bucketMs });
        if (plan !== null) expectTiles(plan, afterMs, afterMs + length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('aggregate roll-up table', () => {
  const none = { exact: [], prefixes: [] };
  const base = { groupBy: [], feedbackTypePrefixes: [], monitorIds: none, spanAgentNames: [], spanTypes: [] } as const;

  it('is the scorer × status table when the request groups and filters on nothing else', () => {
    expect(aggregateRollupTable(base)).toBe(AGGREGATE_SCORER_TABLE);
    expect(aggregateRollupTable({ ...base, groupBy: ['scorer_id', 'span_status_code'] })).toBe(AGGREGATE_SCORER_TABLE);
    expect(aggregateRollupTable({ ...base, groupBy: ['span_status_code'] })).toBe(AGGREGATE_SCORER_TABLE);
    // A prefix of '' matches every feedback type: no filter.
    expect(aggregateRollupTable({ ...base, feedbackTypePrefixes: ['wandb.', ''] })).toBe(AGGREGATE_SCORER_TABLE);
  });

  it('is the wide table for any other grouping or filter', () => {
    expect(aggregateRollupTable({ ...base, groupBy: ['scorer_id', 'span_agent_name'] })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, groupBy: ['span_agent_version'] })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, feedbackTypePrefixes: ['wandb.runnable.'] })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, monitorIds: { exact: ['m1'], prefixes: [] } })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, monitorIds: { exact: [], prefixes: ['m'] } })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, spanAgentNames: ['a'] })).toBe(AGGREGATE_TABLE);
    expect(aggregateRollupTable({ ...base, spanTypes: ['llm'] })).toBe(AGGREGATE_TABLE);
  });

  it('holds every column the request groups or filters on', () => {
    const groups = ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code'] as const;
    fc.assert(
      fc.property(
        fc.subarray([...groups]),
        fc.array(fc.constantFrom('', 'a.', 'wandb.'), { maxLength: 2 }),
        fc.boolean(), fc.boolean(), fc.boolean(),
        (groupBy, feedbackTypePrefixes, monitor, agent, spanType) => {
          const q = { groupBy, feedbackTypePrefixes, monitorIds: monitor ? { exact: ['m'], prefixes: [] } : none, spanAgentNames: agent ? ['a'] : [], spanTypes: spanType ? ['t'] : [] };
          const needed = [...groupBy, ...(monitor ? ['monitor_id'] : []), ...(agent ? ['span_agent_name'] : []), ...(spanType ? ['span_type'] : []),
            ...(feedbackTypePrefixes.length > 0 && !feedbackTypePrefixes.includes('') ? ['feedback_type'] : [])];
          const table = aggregateRollupTable(q);
          for (const column of needed) expect(table.dims).toContain(column);
        },
      ),
    );
  });
});

