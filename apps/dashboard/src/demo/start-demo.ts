// Demo mode: MSW's service worker answers the app's API calls in the page, with the in-memory fake
// of @feedback/mocks seeded with generated data. Only demo builds import this module.
import { createFeedbackFake } from '@feedback/mocks';
import { setupWorker } from 'msw/browser';
import { DEMO_KEY, demoRows } from './demo-data.js';

export async function startDemo(baseUrl: string): Promise<void> {
  const fake = createFeedbackFake({
    baseUrl,
    apiKeys: [{ key: DEMO_KEY, user: 'demo-user', projects: ['*/*'] }],
    rows: demoRows(Date.now()),
  });
  const worker = setupWorker(...fake.handlers);
  // The page's own files and anything else pass through to the network.
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` } });
}
