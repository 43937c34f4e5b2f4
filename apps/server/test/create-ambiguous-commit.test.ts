// The window the fault suite can only hope to hit, made certain: the server commits a create, and
// the answer never reaches the caller (the connection drops after COMMIT). The SDK's create, which
// sends a client id of its own, retries and gets the stored row: one row, not two. A create
// without an id (raw) is not repeated, so it cannot double either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackClient, FeedbackApiError } from '@feedback/sdk';
import { countFeedback } from '../src/sql/feedback-store.js';
import { customBody } from './support/create-bodies.js';
import { testEngines } from './support/engines.js';
import { KEYS, startTestServer, type TestServer } from './support/test-server.js';

/** A fetch whose first `drops` attempts reach the server, which answers, but the answer is lost. */
function droppingAnswers(drops: number): { fetch: (request: Request) => Promise<Response>; sent: () => number } {
  let sent = 0;
  return {
    fetch: async (request) => {
      sent++;
      const response = await globalThis.fetch(request);
      if (sent > drops) return response;
      // The whole answer arrived, so the row is committed; the caller never sees it.
      await response.arrayBuffer();
      throw new TypeError('fetch failed: socket hang up');
    },
    sent: () => sent,
  };
}

describe.each(testEngines())('create: an answer lost after COMMIT on $name', (engine) => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(engine);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  }, 60_000);
  const withServer = async (fn: (srv: TestServer) => Promise<void>) => fn(server!);

  it('the SDK retries with its client id and the row is stored once', async () => {
    await withServer(async (srv) => {
      const transport = droppingAnswers(2);
      const client = createFeedbackClient({ baseUrl: srv.baseUrl, apiKey: KEYS.alice.key, fetch: transport.fetch, retryBaseDelayMs: 1 });
      const body = customBody({ project_id: 'acme/lost-answer', payload: { once: true } });
      const row = await client.create(body);
      expect(transport.sent()).toBe(3);
      expect(await countFeedback(srv.db, 'acme/lost-answer')).toBe(1);
      const stored = await srv.db.query<{ id: string }>('SELECT id FROM feedback WHERE project_id = $1', ['acme/lost-answer']);
      expect(stored.rows.map((r) => r.id)).toEqual([row.id]);
    });
  }, 60_000);

  it('a raw create without id is not repeated: the caller learns the outcome is unknown', async () => {
    await withServer(async (srv) => {
      const transport = droppingAnswers(1);
      const client = createFeedbackClient({ baseUrl: srv.baseUrl, apiKey: KEYS.alice.key, fetch: transport.fetch, retryBaseDelayMs: 1 });
      const body = customBody({ project_id: 'acme/lost-raw', payload: { once: true } });
      const error = await client.raw.POST('/feedback/create', { body }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(FeedbackApiError);
      expect(error).toMatchObject({ kind: 'network', retryable: true });
      expect(transport.sent()).toBe(1);
      expect(await countFeedback(srv.db, 'acme/lost-raw')).toBe(1);
    });
  }, 60_000);
});
