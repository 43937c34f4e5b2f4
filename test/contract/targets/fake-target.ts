// The in-memory MSW fake (@feedback/mocks) behind a made-up origin: setupServer patches
// globalThis.fetch, so requests to that origin never leave the process while requests to real
// listeners (a server target in the same file) pass through.
import { setupServer } from 'msw/node';
import { createFeedbackFake } from '@feedback/mocks';
import { KEY_SEEDS } from '../support/keys.js';
import type { SeedRow } from './seed-row.js';
import { INITIAL_NOW_MS, type StatefulTarget } from './target.js';

export const FAKE_BASE_URL = 'http://fake.test';

export async function startFakeTarget(): Promise<StatefulTarget> {
  const clock = { now: INITIAL_NOW_MS };
  const fake = createFeedbackFake({ baseUrl: FAKE_BASE_URL, apiKeys: KEY_SEEDS, now: () => clock.now });
  const msw = setupServer(...fake.handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
  return {
    kind: 'stateful',
    name: 'MSW fake',
    baseUrl: FAKE_BASE_URL,
    setNow(epochMs) {
      clock.now = epochMs;
    },
    seed(rows: readonly SeedRow[]) {
      fake.seed(rows);
      return Promise.resolve();
    },
    close() {
      msw.close();
      return Promise.resolve();
    },
  };
}
