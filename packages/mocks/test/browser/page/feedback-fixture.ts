// The fake's state in the browser test: who may call, the clock, and the seeded rows. Imported by
// the page (to build the fake) and by the Node test (to know the clock it expects back).
import type { FeedbackFakeApiKey, FeedbackSeedRow } from '../../../src/index.js';

export const PROJECT = 'acme/bot';
export const ALICE: FeedbackFakeApiKey = { key: 'alice-key', user: 'alice', projects: ['acme/*'] };
export const NOW = Date.parse('2024-03-11T12:00:00.000Z');

/** A scored row: `score` goes into payload.output and into the `_rating_` the aggregates sum. */
function judged(createdAt: string, scorer: string, score: number | null, project = PROJECT): FeedbackSeedRow {
  return {
    project_id: project,
    weave_ref: `weave:///${project}/call/c1`,
    feedback_type: `wandb.runnable.${scorer}`,
    runnable_ref: `weave:///${project}/object/${scorer}:v1`,
    // A row without a score still counts in `count`, but not in the score's own aggregates.
    payload: { output: score === null ? { label: 'skipped' } : { score } },
    ...(score === null ? {} : { scorer_ratings: { _rating_: score } }),
    created_at: createdAt,
    wb_user_id: 'importer',
  };
}

// Scores are binary fractions, so every sum and average below is exact. Local times are New York's:
// EST (UTC−5) until 2024-03-10T07:00Z, EDT (UTC−4) from then on; 2024-03-10 is 23 hours long.
export const SEED_ROWS: FeedbackSeedRow[] = [
  judged('2024-03-09T04:59:59.999Z', 'judge', 0.5), // 03-08 23:59:59.999 local: before the stats window
  judged('2024-03-09T14:00:00Z', 'judge', 0.25), // 03-09 09:00 EST
  judged('2024-03-10T04:30:00Z', 'tone', 0.75), // 03-09 23:30 EST
  judged('2024-03-10T06:59:59.999Z', 'judge', 1), // 03-10 01:59:59.999 EST, the last instant before the gap
  judged('2024-03-10T07:00:00Z', 'judge', 0.25), // 03-10 03:00 EDT
  judged('2024-03-10T12:00:00Z', 'judge', null), // 03-10 08:00 EDT, no score
  judged('2024-03-11T03:30:00Z', 'tone', 0.25), // 03-10 23:30 EDT
  judged('2024-03-11T04:00:00Z', 'judge', 0.125), // 03-11 00:00 EDT
  judged('2024-03-10T12:00:00Z', 'judge', 0.5, 'acme/other'), // another project: never counted
];
