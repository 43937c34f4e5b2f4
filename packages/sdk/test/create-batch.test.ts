// createBatch: client ids per item, made once per call, so a retried batch is idempotent; the raw
// client repeats a batch after an unknown outcome only when every item carries an id.
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createFeedbackClient, type FeedbackCreateBatchReq } from '../src/index.js';
import { BASE_URL, createBody, server, url, useApiServer } from './api-server.js';

useApiServer();

const fast = () => createFeedbackClient({ baseUrl: BASE_URL, apiKey: 'k', retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const unavailable = () => HttpResponse.json({ reason: 'The database is unavailable; retry later', error_type: 'ServiceUnavailable' }, { status: 503 });

/** Answers 503 `failures` times, then each item as stored; records every attempt's body. */
function flakyBatch(failures: number) {
  const seen: FeedbackCreateBatchReq[] = [];
  const resolver = async ({ request }: { request: Request }) => {
    const body = (await request.json()) as FeedbackCreateBatchReq;
    seen.push(body);
    if (seen.length <= failures) return unavailable();
    return HttpResponse.json({ res: body.batch.map((item) => ({ id: item.id, created_at: '2024-03-10T14:03:27.512Z', wb_user_id: 'alice', payload: item.payload })) });
  };
  return { resolver, seen };
}

describe('createBatch', () => {
  it('gives every item without an id its own UUIDv7 and keeps the ids given', async () => {
    const { resolver, seen } = flakyBatch(0);
    server.use(http.post(url('/feedback/batch/create'), resolver));
    const { res } = await fast().createBatch({ batch: [createBody, { ...createBody, id: 'mine' }, createBody] });
    const sent = seen[0]?.batch.map((item) => item.id) ?? [];
    expect(sent[0]).toMatch(UUID_V7);
    expect(sent[1]).toBe('mine');
    expect(sent[2]).toMatch(UUID_V7);
    expect(sent[2]).not.toBe(sent[0]);
    // Atomic: every entry is a row, typed as one.
    expect(res.map((row) => row.id)).toEqual(sent);
  });

  it("passes an item's created_at (backdated rows) through unchanged, on every attempt", async () => {
    const { resolver, seen } = flakyBatch(1);
    server.use(http.post(url('/feedback/batch/create'), resolver));
    await fast().createBatch({ batch: [{ ...createBody, created_at: '2024-03-10T01:30:00.250-05:00' }, createBody] });
    expect(seen.map((body) => body.batch.map((item) => item.created_at))).toEqual([
      ['2024-03-10T01:30:00.250-05:00', undefined],
      ['2024-03-10T01:30:00.250-05:00', undefined],
    ]);
  });

  it('a 503 is retried with the same ids, so the server meets its stored rows', async () => {
    const { resolver, seen } = flakyBatch(2);
    server.use(http.post(url('/feedback/batch/create'), resolver));
    await fast().createBatch({ batch: [createBody, createBody] });
    expect(seen).toHaveLength(3);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it('sends atomic: false as given and returns the error slots', async () => {
    const slot = { error: { status: 409, reason: 'batch[0]: Feedback id x already exists in acme/support-bot with different content', error_type: 'Conflict' } };
    server.use(http.post(url('/feedback/batch/create'), async ({ request }) => {
      expect(((await request.json()) as FeedbackCreateBatchReq).atomic).toBe(false);
      return HttpResponse.json({ res: [slot] });
    }));
    await expect(fast().createBatch({ batch: [{ ...createBody, id: 'x' }], atomic: false })).resolves.toEqual({ res: [slot] });
  });

  it('raw: a batch with an item lacking an id is not repeated after a 503; with every id it is', async () => {
    const without = flakyBatch(1);
    server.use(http.post(url('/feedback/batch/create'), without.resolver));
    const first = await fast().raw.POST('/feedback/batch/create', { body: { batch: [{ ...createBody, id: 'a' }, createBody] } });
    expect(first.response.status).toBe(503);
    expect(without.seen).toHaveLength(1);

    const withIds = flakyBatch(1);
    server.use(http.post(url('/feedback/batch/create'), withIds.resolver));
    const second = await fast().raw.POST('/feedback/batch/create', { body: { batch: [{ ...createBody, id: 'a' }, { ...createBody, id: 'b' }] } });
    expect(second.response.status).toBe(200);
    expect(withIds.seen).toHaveLength(2);
  });
});
