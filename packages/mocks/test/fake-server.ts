// Shared by this folder's tests: one MSW server per test file running a fake, SDK clients for
// it, and a raw POST for the bodies the SDK would never send.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupServer } from 'msw/node';
import { createFeedbackClient, FeedbackApiError, type FeedbackClient } from '@feedback/sdk';
import { createFeedbackFake, type FeedbackFake, type FeedbackFakeOptions } from '../src/index.js';

export const BASE_URL = 'http://feedback.test';

export const ALICE = { key: 'alice-key', user: 'alice', projects: ['acme/*'] };
export const BOB = { key: 'bob-key', user: 'bob', projects: ['other/proj'] };

/** Starts a fake for the file's tests; rows go back to the seeds after each test. */
export function useFake(options: FeedbackFakeOptions = {}): FeedbackFake {
  const fake = createFeedbackFake({ baseUrl: BASE_URL, apiKeys: [ALICE, BOB], ...options });
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => fake.reset());
  afterAll(() => server.close());
  return fake;
}

export function client(apiKey = ALICE.key): FeedbackClient {
  return createFeedbackClient({ baseUrl: BASE_URL, apiKey, retries: 0, fetch: (req) => globalThis.fetch(req) });
}

export function basicAuth(key: string): string {
  return `Basic ${btoa(`api:${key}`)}`;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const res = await fetch(BASE_URL + path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', authorization: basicAuth(ALICE.key), ...headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The FeedbackApiError a call rejected with (fails the test if it resolved or threw something else). */
export async function apiErrorOf(call: Promise<unknown>): Promise<FeedbackApiError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof FeedbackApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
