// Retries, backoff, Retry-After and timeouts, counted at the MSW handler.
import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { FeedbackApiError, createFeedbackClient } from '../src/index.js';
import type { FeedbackClientOptions } from '../src/index.js';
import { BASE_URL, aggregateBody, createBody, rejectionOf, server, statsBody, url, useApiServer } from './api-server.js';

useApiServer();

const fast = (overrides: Partial<FeedbackClientOptions> = {}) =>
  createFeedbackClient({ baseUrl: BASE_URL, apiKey: 'k', retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...overrides });

const unavailable = (headers: Record<string, string> = {}) =>
  HttpResponse.json({ reason: 'The database is unavailable; retry later', error_type: 'ServiceUnavailable' }, { status: 503, headers });

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const stored = { id: 'client-id-1', created_at: '2024-03-10T14:03:27.512Z', wb_user_id: 'alice', payload: { note: 'helpful' } };
const statsRes = { start: statsBody.start, end: '2024-03-10T05:00:00.000Z', granularity: 86400, timezone: 'UTC', buckets: [] };

/** A handler that answers with `first` for the first `failures` attempts, then `then`; counts attempts. */
function flaky(failures: number, first: () => Response, then: () => Response) {
  const seen: { body: unknown; requestId: string | null }[] = [];
  const resolver = async ({ request }: { request: Request }) => {
    const body: unknown = request.method === 'GET' ? undefined : await request.json();
    seen.push({ body, requestId: request.headers.get('X-Request-Id') });
    return seen.length <= failures ? first() : then();
  };
  return { resolver, seen };
}

describe('createFeedbackClient: retries', () => {
  it('stats: 503 then 200 is retried, resending the body and the request id', async () => {
    const { resolver, seen } = flaky(1, () => unavailable(), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    await expect(fast().stats(statsBody)).resolves.toEqual(statsRes);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.body).toEqual(statsBody);
    expect(seen[1]?.requestId).toBe(seen[0]?.requestId);
  });

  it('stats: gives up after 1 + retries attempts with a retryable 503 error', async () => {
    const { resolver, seen } = flaky(10, () => unavailable(), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    const error = await rejectionOf(fast({ retries: 3 }).stats(statsBody));
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ kind: 'http', status: 503, errorType: 'ServiceUnavailable', retryable: true });
    expect(seen).toHaveLength(4);
  });

  it('retries: 0 sends exactly once', async () => {
    const { resolver, seen } = flaky(1, () => unavailable(), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    await expect(fast({ retries: 0 }).stats(statsBody)).rejects.toMatchObject({ status: 503 });
    expect(seen).toHaveLength(1);
  });

  it('create without id: the SDK adds a UUIDv7 id, so a 503 is retried with that same id', async () => {
    const { resolver, seen } = flaky(2, () => unavailable(), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    await expect(fast().create(createBody)).resolves.toEqual(stored);
    expect(seen).toHaveLength(3);
    const sentIds = seen.map((attempt) => (attempt.body as { id?: unknown }).id);
    expect(sentIds[0]).toMatch(UUID_V7);
    expect(sentIds).toEqual([sentIds[0], sentIds[0], sentIds[0]]);
    expect(seen[2]?.body).toEqual({ ...createBody, id: sentIds[0] });
  });

  it('create: each call gets its own client id', async () => {
    const { resolver, seen } = flaky(0, () => unavailable(), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    await fast().create(createBody);
    await fast().create(createBody);
    const [first, second] = seen.map((attempt) => (attempt.body as { id?: unknown }).id);
    expect(first).not.toBe(second);
  });

  it('create with id: a 503 is retried with the caller\'s id (the server deduplicates by id)', async () => {
    const { resolver, seen } = flaky(2, () => unavailable(), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    await expect(fast().create({ ...createBody, id: 'client-id-1' })).resolves.toEqual(stored);
    expect(seen).toHaveLength(3);
    expect(seen.map((attempt) => attempt.body)).toEqual(Array(3).fill({ ...createBody, id: 'client-id-1' }));
  });

  it('raw create without id is sent as given and NOT retried (the row may exist)', async () => {
    const { resolver, seen } = flaky(1, () => unavailable(), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    const { response } = await fast().raw.POST('/feedback/create', { body: createBody });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toEqual(createBody);
  });

  it('network errors are retried for reads', async () => {
    const { resolver, seen } = flaky(2, () => HttpResponse.error(), () => HttpResponse.json({ after_ms: 1, before_ms: 2 }));
    server.use(http.post(url('/feedback/aggregate'), resolver));
    await expect(fast().aggregate(aggregateBody)).resolves.toEqual({ after_ms: 1, before_ms: 2 });
    expect(seen).toHaveLength(3);
  });

  it('network errors that persist → kind network, status 0', async () => {
    const { resolver, seen } = flaky(10, () => HttpResponse.error(), () => HttpResponse.json({ status: 'ok' }));
    server.use(http.get(url('/healthz'), resolver));
    const error = await rejectionOf(fast().healthz());
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true, requestId: seen[0]?.requestId });
    expect(seen).toHaveLength(3);
  });

  it('network error on create: retried with the same client id', async () => {
    const { resolver, seen } = flaky(1, () => HttpResponse.error(), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    await expect(fast().create(createBody)).resolves.toEqual(stored);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.body).toEqual(seen[0]?.body);
  });

  it('readyz: 503 is retried', async () => {
    const { resolver, seen } = flaky(1, () => unavailable(), () => HttpResponse.json({ status: 'ready' }));
    server.use(http.get(url('/readyz'), resolver));
    await expect(fast().readyz()).resolves.toEqual({ status: 'ready' });
    expect(seen).toHaveLength(2);
  });

  it('raw client calls get the same retries', async () => {
    const { resolver, seen } = flaky(1, () => unavailable(), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    const { data } = await fast().raw.POST('/feedback/stats', { body: statsBody });
    expect(data).toEqual(statsRes);
    expect(seen).toHaveLength(2);
  });
});

describe('createFeedbackClient: Retry-After', () => {
  it('waits as long as Retry-After asks, capped at retryMaxDelayMs', async () => {
    const { resolver, seen } = flaky(1, () => unavailable({ 'Retry-After': '1' }), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    // Backoff alone would pause < 1 ms; Retry-After 1 s capped at 150 ms pauses exactly 150 ms.
    const client = fast({ retryBaseDelayMs: 1, retryMaxDelayMs: 150 });
    const started = performance.now();
    await expect(client.stats(statsBody)).resolves.toEqual(statsRes);
    const elapsed = performance.now() - started;
    expect(seen).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(900);
  });

  it('Retry-After 0 retries without the backoff pause', async () => {
    const { resolver, seen } = flaky(1, () => unavailable({ 'Retry-After': '0' }), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    const client = fast({ retryBaseDelayMs: 5_000, retryMaxDelayMs: 5_000 });
    const started = performance.now();
    await expect(client.stats(statsBody)).resolves.toEqual(statsRes);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(seen).toHaveLength(2);
  });
});

describe('createFeedbackClient: timeouts', () => {
  const slow = (attempts: { count: number }) => async () => {
    attempts.count += 1;
    await delay(400);
    return HttpResponse.json(statsRes);
  };

  it('an attempt slower than timeoutMs → kind timeout, after retrying reads', async () => {
    const attempts = { count: 0 };
    server.use(http.post(url('/feedback/stats'), slow(attempts)));
    const started = performance.now();
    const error = await rejectionOf(fast({ timeoutMs: 40, retries: 1 }).stats(statsBody));
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ kind: 'timeout', status: 0, retryable: true });
    expect(attempts.count).toBe(2);
    // Without working timeouts the two attempts would take ≥ 800 ms.
    expect(performance.now() - started).toBeLessThan(700);
  });

  it('a slow first attempt then a fast one succeeds', async () => {
    const attempts = { count: 0 };
    server.use(
      http.post(url('/feedback/stats'), async () => {
        attempts.count += 1;
        if (attempts.count === 1) await delay(400);
        return HttpResponse.json(statsRes);
      }),
    );
    await expect(fast({ timeoutMs: 40 }).stats(statsBody)).resolves.toEqual(statsRes);
    expect(attempts.count).toBe(2);
  });

  it('a timed-out raw create without id is not retried', async () => {
    const attempts = { count: 0 };
    server.use(http.post(url('/feedback/create'), slow(attempts)));
    await expect(fast({ timeoutMs: 40 }).raw.POST('/feedback/create', { body: createBody })).rejects.toMatchObject({ kind: 'timeout' });
    expect(attempts.count).toBe(1);
  });

  it('the caller’s AbortSignal cancels the call with its own reason', async () => {
    const attempts = { count: 0 };
    server.use(http.post(url('/feedback/stats'), slow(attempts)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 20);
    const error = await rejectionOf(fast({ timeoutMs: 5_000 }).stats(statsBody, { signal: controller.signal }));
    expect(error).not.toBeInstanceOf(FeedbackApiError);
    expect(error).toHaveProperty('message', 'user navigated away');
    expect(attempts.count).toBe(1);
  });
});

describe('createFeedbackClient: 429 and 504', () => {
  const limited = (retryAfter: string) =>
    HttpResponse.json({ reason: 'Too many requests for this key', error_type: 'RateLimited' }, { status: 429, headers: { 'Retry-After': retryAfter } });
  const timedOut = () =>
    HttpResponse.json({ reason: 'The query ran out of time; narrow the window', error_type: 'QueryTimeout' }, { status: 504 });

  it('429 within the budget is retried after Retry-After, for a raw create without id too', async () => {
    const { resolver, seen } = flaky(1, () => limited('0'), () => HttpResponse.json(stored));
    server.use(http.post(url('/feedback/create'), resolver));
    const { data } = await fast().raw.POST('/feedback/create', { body: createBody });
    expect(data).toEqual(stored);
    expect(seen).toHaveLength(2);
  });

  it('429 asking for longer than retryMaxDelayMs is handed over at once, with retryAfterMs', async () => {
    const { resolver, seen } = flaky(10, () => limited('30'), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    const started = performance.now();
    const error = await rejectionOf(fast({ retryMaxDelayMs: 1_000 }).stats(statsBody));
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ status: 429, errorType: 'RateLimited', retryable: true, retryAfterMs: 30_000 });
    expect(seen).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('429 stops after 1 + retries attempts', async () => {
    const { resolver, seen } = flaky(10, () => limited('0'), () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    await expect(fast({ retries: 2 }).stats(statsBody)).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(3);
  });

  it('504 QueryTimeout is never retried, and is not retryable', async () => {
    const { resolver, seen } = flaky(10, timedOut, () => HttpResponse.json(statsRes));
    server.use(http.post(url('/feedback/stats'), resolver));
    const error = await rejectionOf(fast().stats(statsBody));
    expect(error).toMatchObject({ status: 504, errorType: 'QueryTimeout', retryable: false });
    expect(seen).toHaveLength(1);
  });
});
