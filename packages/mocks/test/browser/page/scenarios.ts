// The calls the page makes with the SDK against the fake, in order: a create first, so the
// aggregate afterwards shows the new row next to the seeded ones.
import { createFeedbackClient, FeedbackApiError, type FeedbackClient } from '@feedback/sdk';
import type { FeedbackFake } from '../../../src/index.js';
import { ALICE, PROJECT } from './feedback-fixture.js';
import type { CaughtError, PageResults } from './page-results.js';

function clientFor(baseUrl: string, apiKey: string): FeedbackClient {
  // The default fetch: in a browser the service worker answers at the network level, so nothing
  // needs to replace `fetch`. No retries: every failure below must surface at once.
  return createFeedbackClient({ baseUrl, apiKey, retries: 0 });
}

async function errorOf(call: Promise<unknown>): Promise<CaughtError | null> {
  try {
    await call;
    return null;
  } catch (err) {
    if (err instanceof FeedbackApiError) {
      const { name, message, kind, status, reason, errorType, detail, requestId } = err;
      return { isFeedbackApiError: true, name, message, kind, status, reason, errorType, detail, requestId };
    }
    const error = err instanceof Error ? err : new Error(String(err));
    return { isFeedbackApiError: false, name: error.name, message: error.message };
  }
}

export async function runScenarios(fake: FeedbackFake): Promise<Omit<PageResults, 'controlled' | 'origin'>> {
  const alice = clientFor(fake.baseUrl, ALICE.key);

  const created = await alice.create({
    project_id: PROJECT,
    weave_ref: `weave:///${PROJECT}/agent_turn/t1`,
    feedback_type: 'wandb.reaction.1',
    payload: { emoji: '👍🏽' },
  });

  const dailyStats = await alice.stats({
    project_id: PROJECT,
    start: '2024-03-09T05:00:00Z', // 2024-03-09 00:00 in New York
    end: '2024-03-12T04:00:00Z', // 2024-03-12 00:00 in New York
    granularity: 86400,
    timezone: 'America/New_York',
    metrics: [{ json_path: 'output.score', aggregations: ['avg', 'max', 'count'], percentiles: [50] }],
  });

  const hourlyStats = await alice.stats({
    project_id: PROJECT,
    start: '2024-03-10T05:00:00Z',
    end: '2024-03-10T09:00:00Z',
    granularity: 3600,
    timezone: 'America/New_York',
  });

  const aggregate = await alice.aggregate({
    project_id: PROJECT,
    after_ms: Date.parse('2024-03-09T00:00:00Z'),
    before_ms: Date.parse('2024-03-12T00:00:00Z'),
    time_bucket_seconds: 86400,
    group_by: ['scorer_id'],
  });

  const wrongKey = await errorOf(
    clientFor(fake.baseUrl, 'wrong-key').aggregate({ project_id: PROJECT, after_ms: 0, before_ms: 1000 }),
  );
  // Passes the schema, breaks a rule between fields.
  const crossFieldInvalid = await errorOf(alice.aggregate({ project_id: PROJECT, after_ms: 5000, before_ms: 1000 }));
  // A string the types accept, refused by the schema (date-time needs an offset): Ajv in the page.
  const schemaInvalid = await errorOf(alice.stats({ project_id: PROJECT, start: '2024-03-10T00:00:00' }));

  return { created, dailyStats, hourlyStats, aggregate, wrongKey, crossFieldInvalid, schemaInvalid, rowCount: fake.rows().length };
}
