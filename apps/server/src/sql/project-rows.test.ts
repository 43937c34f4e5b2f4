// Rows too large for the covering indexes take the heap branch: both read queries must still see
// each row exactly once, and the write must classify rows by size.
import { checkCreateRequest, type ResolvedMetric } from '@feedback/semantics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { openPglite } from '../storage/pglite-driver.js';
import { runAggregateQuery } from './aggregate-query.js';
import { toInsertRow } from './feedback-row.js';
import { insertFeedback } from './feedback-store.js';
import { runStatsQuery } from './stats-query.js';

const P = 'acme/cover';
const T0 = Date.parse('2024-06-01T00:00:00Z');
let db: Db;

function row(id: string, atMs: number, score: number, padding: number) {
  const prepared = checkCreateRequest(
    {
      project_id: P,
      weave_ref: `weave:///${P}/call/c${id}`,
      feedback_type: 'wandb.runnable.judge',
      runnable_ref: `weave:///${P}/op/judge:v1`,
      call_ref: `weave:///${P}/call/x${id}`,
      payload: { output: { score, text: 'x'.repeat(padding) } },
      scorer_tags: ['t'],
      scorer_ratings: { _rating_: score },
    },
    'u',
  );
  return toInsertRow(prepared, id, atMs);
}

beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db);
  // Two small rows and two whose payload alone is past the covering limit.
  await insertFeedback(db, [row('a', T0, 0.25, 10), row('b', T0 + 1000, 0.5, 5_000), row('c', T0 + 2000, 0.75, 10), row('d', T0 + 3000, 1, 100_000)]);
});
afterAll(async () => {
  await db.close();
});

describe('covered and uncovered rows', () => {
  it('marks rows by whether their read columns fit a covering index entry', async () => {
    const res = await db.query<{ id: string; covered: boolean }>('SELECT id, covered FROM feedback ORDER BY id');
    expect(res.rows).toEqual([
      { id: 'a', covered: true },
      { id: 'b', covered: false },
      { id: 'c', covered: true },
      { id: 'd', covered: false },
    ]);
  });

  it('counts every row once in /feedback/stats', async () => {
    const metric: ResolvedMetric = {
      jsonPath: 'output.score', segments: ['output', 'score'], slug: 'output_score', valueType: 'numeric',
      aggregations: ['sum', 'count'], percentiles: [{ p: 50, label: 'p50' }],
    };
    const rows = await runStatsQuery(db, {
      projectId: P, startMs: T0, endMs: T0 + 3_600_000, granularity: 3600, timeZone: 'UTC', feedbackType: null, triggerRef: null, metrics: [metric],
    });
    const window = rows.find((r) => r.bucket_key === null);
    expect(window).toMatchObject({ n: 4, m0_0: 2.5, m0_1: 4, m0_2: [0.625] });
  });

  it('counts every row once in /feedback/aggregate', async () => {
    const rows = await runAggregateQuery(db, {
      projectId: P, afterMs: T0, beforeMs: T0 + 3_600_000, bucketMs: 60_000, feedbackTypePrefixes: [], tags: [], ratingMin: null, ratingMax: null,
      monitorIds: { exact: [], prefixes: [] }, scorerIds: { exact: [], prefixes: [] }, spanAgentNames: [], spanTypes: [], groupBy: ['scorer_id'],
    });
    expect(rows).toEqual([
      { bucket_ms: T0, groups: ['judge'], total_count: 4, scored_count: 4, tag_counts: { t: 4 }, rating_counts: { _rating_: 4 }, rating_sums: { _rating_: 2.5 } },
    ]);
  });
});
