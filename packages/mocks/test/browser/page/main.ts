// The browser entry: starts MSW's service worker with the fake's handlers, runs the SDK
// scenarios against the page's own origin, and leaves the outcome on `window` for the test.
import { setupWorker } from 'msw/browser';
import { createFeedbackFake } from '../../../src/index.js';
import { ALICE, NOW, SEED_ROWS } from './feedback-fixture.js';
import { OUTCOME_KEY, type PageOutcome } from './page-results.js';
import { runScenarios } from './scenarios.js';

async function run(): Promise<PageOutcome> {
  try {
    // Same origin as the page: the calls stay inside it, and the worker answers them.
    const fake = createFeedbackFake({ baseUrl: location.origin, apiKeys: [ALICE], rows: SEED_ROWS, now: NOW });
    const worker = setupWorker(...fake.handlers);
    await worker.start({ quiet: true, onUnhandledRequest: 'error' });
    const controlled = navigator.serviceWorker.controller !== null;
    const results = await runScenarios(fake);
    worker.stop();
    return { ok: true, results: { origin: location.origin, controlled, ...results } };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

// Set synchronously, so the promise is there as soon as the module has run.
Object.assign(window, { [OUTCOME_KEY]: run() });
