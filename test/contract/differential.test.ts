// The MSW fake and the reference server must answer alike: random rows and random stats and
// aggregate requests, replayed on both, whole bodies compared. Seeded (FEEDBACK_TEST_SEED) and
// sized by FEEDBACK_TEST_RUNS; a shrunk counterexample belongs in regressions.test.ts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTemplateArb, toDifferentialRun } from './arbitraries/differential-run.js';
import { differentialEngine, replayOnBoth, startDifferentialPair, type DifferentialPair } from './runner/differential-pair.js';
import { differentialRuns, differentialSeed } from './support/env.js';

const RUNS = differentialRuns();
const SEED = differentialSeed();

describe(`differential: MSW fake vs server on ${differentialEngine()}`, () => {
  let pair: DifferentialPair;
  beforeAll(async () => {
    pair = await startDifferentialPair();
  });
  afterAll(async () => {
    await pair.close();
  });

  it(`agrees on ${RUNS} random runs (seed ${SEED})`, async () => {
    let runNo = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(runTemplateArb, async (template) => {
        // A project per run, shrink steps included: nothing a run stores leaks into another.
        runNo += 1;
        const outcome = await replayOnBoth(pair, toDifferentialRun(template, `acme/diff-${runNo}`));
        for (const s of outcome.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
        if (outcome.report !== '') throw new Error(outcome.report);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generators must stay realistic: most requests valid, some refused.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const ok = statuses.get(200) ?? 0;
    expect(ok / total, `statuses: ${JSON.stringify(Object.fromEntries(statuses))}`).toBeGreaterThan(0.6);
    if (RUNS >= 100) expect(total - ok, 'some requests are refused').toBeGreaterThan(0);
  }, 60_000 + RUNS * 500);
});
