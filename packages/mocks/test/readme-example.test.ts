// The README's vitest example, kept here so it stays runnable.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createFeedbackClient } from '@feedback/sdk';
import { createFeedbackFake } from '@feedback/mocks';

const BASE_URL = 'http://feedback.test';

const fake = createFeedbackFake({
  baseUrl: BASE_URL,
  // Who may call, like the server's FEEDBACK_API_KEYS.
  apiKeys: [{ key: 'alice-key', user: 'alice', projects: ['acme/*'] }],
  // The clock: created_at of new rows, and `end` of a stats call that leaves it out.
  now: Date.parse('2024-03-11T12:00:00Z'),
  // Rows that exist from the start, each with its own created_at and author.
  rows: [
    {
      project_id: 'acme/support-bot',
      weave_ref: 'weave:///acme/support-bot/call/c1',
      feedback_type: 'wandb.runnable.helpfulness',
      runnable_ref: 'weave:///acme/support-bot/object/helpfulness:v1',
      payload: { output: { score: 0.4 } },
      created_at: '2024-03-10T15:00:00Z',
      wb_user_id: 'importer',
    },
  ],
});
const server = setupServer(...fake.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => fake.reset()); // back to the seed rows
afterAll(() => server.close());

// `fetch` is looked up per call, so a client made before listen() still reaches the fake.
const client = createFeedbackClient({
  baseUrl: BASE_URL,
  apiKey: 'alice-key',
  retries: 0,
  fetch: (req) => globalThis.fetch(req),
});

describe('daily helpfulness', () => {
  it('averages the seeded row and a new one per local day', async () => {
    const created = await client.create({
      project_id: 'acme/support-bot',
      weave_ref: 'weave:///acme/support-bot/call/c2',
      feedback_type: 'wandb.runnable.helpfulness',
      runnable_ref: 'weave:///acme/support-bot/object/helpfulness:v1',
      payload: { output: { score: 0.8 } },
    });
    expect(created.created_at).toBe('2024-03-11T12:00:00.000Z');
    expect(created.wb_user_id).toBe('alice');

    const stats = await client.stats({
      project_id: 'acme/support-bot',
      start: '2024-03-10T05:00:00Z', // local midnight in New York
      end: '2024-03-12T04:00:00Z', // without it: now, which would leave out the row created at now
      granularity: 86400,
      timezone: 'America/New_York',
      metrics: [{ json_path: 'output.score', aggregations: ['avg'], percentiles: [50] }],
    });
    expect(stats.buckets).toEqual([
      { timestamp: '2024-03-10T00:00:00-05:00', avg_output_score: 0.4, p50_output_score: 0.4, count: 1 },
      { timestamp: '2024-03-11T00:00:00-04:00', avg_output_score: 0.8, p50_output_score: 0.8, count: 1 },
    ]);
    expect(fake.rows()).toHaveLength(2);
  });

  it('fails like the server', async () => {
    await expect(client.create({ project_id: 'other/bot', weave_ref: 'w', feedback_type: 'custom', payload: {} }))
      .rejects.toMatchObject({ status: 403, errorType: 'Forbidden' });
  });
});
