// Counterexamples the differential test found, shrunk, kept as regular tests: each runs on both
// sides of the differential (the MSW fake and the server) and is held to the answer
// SEMANTICS.md gives, so the test names the side that is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differentialEngine, startDifferentialPair, type DifferentialPair } from './runner/differential-pair.js';
import { apiKeyOrder } from './support/api-key-order.js';
import { bodyDifferences } from './support/compare-bodies.js';
import { sendRaw } from './support/http.js';
import { basicAuth, KEYS } from './support/keys.js';
import { responseViolations } from './support/openapi-validator.js';
import type { SeedRow } from './targets/seed-row.js';

interface Regression {
  name: string;
  /** What went wrong, where, and why the expected answer is right. */
  diagnosis: string;
  now: string;
  rows: SeedRow[];
  request: { path: '/feedback/stats' | '/feedback/aggregate'; body: Record<string, unknown> };
  expect: { status: number; body: unknown };
}

const REGRESSIONS: Regression[] = [
  {
    name: 'stats: a digit segment of json_path never indexes an array',
    diagnosis:
      'Found with seed 20240310 (run 83). SEMANTICS §2: json_path is "dot-separated object keys", "no array indexing", and arrays ' +
      'are absent. The server extracts with `payload #> path`, and PostgreSQL\'s #> indexes arrays by a numeric path element, ' +
      'so `score.1` read 0 out of ["good", 0]. The fake (extractPath) is right.',
    now: '2024-03-10T07:00:00.000Z',
    rows: [
      {
        project_id: 'acme/regression-array-index',
        weave_ref: 'weave:///acme/regression-array-index/call/span-0',
        feedback_type: 'wandb.runnable.alpha',
        runnable_ref: 'weave:///acme/regression-array-index/object/alpha:v1',
        payload: { output: null, score: ['good', 0] },
        scorer_tags: [],
        scorer_ratings: {},
        created_at: '2024-03-10T07:00:00.000Z',
        wb_user_id: 'alice',
      },
    ],
    request: {
      path: '/feedback/stats',
      body: { project_id: 'acme/regression-array-index', start: '2024-03-10T07:00:00.000Z', end: '2024-03-10T07:00:00.001Z', granularity: 600, timezone: 'UTC', metrics: [{ json_path: 'score.1' }] },
    },
    expect: {
      status: 200,
      body: {
        start: '2024-03-10T07:00:00.000Z',
        end: '2024-03-10T07:00:00.001Z',
        granularity: 600,
        timezone: 'UTC',
        buckets: [{ timestamp: '2024-03-10T07:00:00Z', avg_score_1: null, min_score_1: null, max_score_1: null, count: 1 }],
        window_stats: { score_1: { avg: null, min: null, max: null } },
      },
    },
  },
];

describe(`regressions found by the differential test (fake and server on ${differentialEngine()})`, () => {
  let pair: DifferentialPair;
  beforeAll(async () => {
    pair = await startDifferentialPair();
  });
  afterAll(async () => {
    await pair.close();
  });

  for (const r of REGRESSIONS) {
    for (const side of ['fake', 'server'] as const) {
      it(`${r.name} (${side})`, async () => {
        const target = pair[side];
        target.setNow(Date.parse(r.now));
        await target.seed(r.rows);
        const res = await sendRaw(target.baseUrl, { path: r.request.path, body: r.request.body, authorization: basicAuth(KEYS.alice.key) });
        const where = `${target.name} — ${r.diagnosis}`;
        expect(res.status, where).toBe(r.expect.status);
        expect(responseViolations('post', r.request.path, res.status, res.body), where).toEqual([]);
        expect(bodyDifferences(res.body, r.expect.body, { keyOrder: apiKeyOrder }), where).toEqual([]);
      });
    }
  }
});
