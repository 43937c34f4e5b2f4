// The MSW server shared by this folder's tests, with hooks that start it once per file and
// fail any request no handler answers.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupServer } from 'msw/node';
import type { FeedbackCreateReq, FeedbackStatsReq, FeedbackAggregateReq } from '../src/index.js';

export const BASE_URL = 'http://api.test';
export const url = (path: string) => `${BASE_URL}${path}`;

export const server = setupServer();

export function useApiServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export const createBody: FeedbackCreateReq = {
  project_id: 'acme/support-bot',
  weave_ref: 'weave:///acme/support-bot/call/0193a1b2',
  feedback_type: 'wandb.note.1',
  payload: { note: 'helpful' },
};

export const statsBody: FeedbackStatsReq = {
  project_id: 'acme/support-bot',
  start: '2024-03-09T05:00:00Z',
  end: '2024-03-10T05:00:00Z',
  granularity: 86400,
  metrics: [{ json_path: 'output.score', value_type: 'numeric', aggregations: ['avg'] }],
};

export const aggregateBody: FeedbackAggregateReq = {
  project_id: 'acme/support-bot',
  after_ms: 1710028800000,
  before_ms: 1710036000000,
  time_bucket_seconds: 3600,
  group_by: ['scorer_id'],
};

/** Resolves to what the call threw (fails the test if it did not throw). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
