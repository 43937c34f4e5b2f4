// Successful calls through the whole stack (helpers → openapi-fetch → transport → MSW).
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { createFeedbackClient } from '../src/index.js';
import type { FeedbackAggregateRes, FeedbackCreateRes, FeedbackStatsRes } from '../src/index.js';
import { BASE_URL, aggregateBody, createBody, server, statsBody, url, useApiServer } from './api-server.js';

// Created before useApiServer's listen() has run: the default fetch must look globalThis.fetch
// up per call, or these requests would bypass MSW and fail to resolve api.test.
const client = createFeedbackClient({ baseUrl: BASE_URL, apiKey: 'secret-key' });

useApiServer();

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const expectedAuth = `Basic ${Buffer.from('api:secret-key').toString('base64')}`;

describe('createFeedbackClient: successful calls', () => {
  it('create sends the body with Basic auth and JSON content type, returns the typed row', async () => {
    const stored: FeedbackCreateRes = {
      id: '0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9',
      created_at: '2024-03-10T14:03:27.512Z',
      wb_user_id: 'alice',
      payload: { note: 'helpful' },
    };
    let seen: { auth: string | null; type: string | null; body: unknown } | undefined;
    server.use(
      http.post(url('/feedback/create'), async ({ request }) => {
        seen = {
          auth: request.headers.get('Authorization'),
          type: request.headers.get('Content-Type'),
          body: await request.json(),
        };
        return HttpResponse.json(stored);
      }),
    );
    await expect(client.create(createBody)).resolves.toEqual(stored);
    // The body as given, plus the client id the SDK adds to every create without one.
    expect(seen).toEqual({ auth: expectedAuth, type: 'application/json', body: { ...createBody, id: expect.stringMatching(UUID_V7) } });
  });

  it('stats returns the typed response', async () => {
    const res: FeedbackStatsRes = {
      start: '2024-03-09T05:00:00.000Z',
      end: '2024-03-10T05:00:00.000Z',
      granularity: 86400,
      timezone: 'UTC',
      buckets: [{ timestamp: '2024-03-09T00:00:00Z', avg_output_score: 0.7, count: 3 }],
      window_stats: { output_score: { avg: 0.7 } },
    };
    let body: unknown;
    server.use(
      http.post(url('/feedback/stats'), async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(res);
      }),
    );
    await expect(client.stats(statsBody)).resolves.toEqual(res);
    expect(body).toEqual(statsBody);
  });

  it('aggregate returns the typed response', async () => {
    const res: FeedbackAggregateRes = {
      after_ms: aggregateBody.after_ms,
      before_ms: aggregateBody.before_ms,
      time_bucket_seconds: 3600,
      buckets: [{ time_bucket_start_ms: 1710028800000, group: { scorer_id: 'helpfulness' }, total_count: 2, scored_count: 2 }],
    };
    server.use(http.post(url('/feedback/aggregate'), () => HttpResponse.json(res)));
    await expect(client.aggregate(aggregateBody)).resolves.toEqual(res);
  });

  it('healthz and readyz return their status', async () => {
    server.use(
      http.get(url('/healthz'), () => HttpResponse.json({ status: 'ok' })),
      http.get(url('/readyz'), () => HttpResponse.json({ status: 'ready' })),
    );
    await expect(client.healthz()).resolves.toEqual({ status: 'ok' });
    await expect(client.readyz()).resolves.toEqual({ status: 'ready' });
  });

  it('sends an X-Request-Id on every call, a new one per call', async () => {
    const ids: (string | null)[] = [];
    server.use(
      http.get(url('/healthz'), ({ request }) => {
        ids.push(request.headers.get('X-Request-Id'));
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    await client.healthz();
    await client.healthz();
    expect(ids[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('adds extra headers but keeps Authorization from apiKey; keeps a base path', async () => {
    const prefixed = createFeedbackClient({
      baseUrl: `${BASE_URL}/api/`,
      apiKey: 'ключ',
      headers: { 'X-Client': 'dashboard', authorization: 'Bearer other' },
    });
    let seen: { auth: string | null; client: string | null } | undefined;
    server.use(
      http.get(url('/api/healthz'), ({ request }) => {
        seen = { auth: request.headers.get('Authorization'), client: request.headers.get('X-Client') };
        return HttpResponse.json({ status: 'ok' });
      }),
    );
    await prefixed.healthz();
    expect(seen).toEqual({ auth: `Basic ${Buffer.from('api:ключ').toString('base64')}`, client: 'dashboard' });
  });

  it('uses a custom fetch for every attempt', async () => {
    const requests: Request[] = [];
    const custom = createFeedbackClient({
      baseUrl: BASE_URL,
      apiKey: 'k',
      fetch: async (request) => {
        requests.push(request);
        return Response.json({ status: 'ok' });
      },
    });
    await expect(custom.healthz()).resolves.toEqual({ status: 'ok' });
    expect(requests.map((request) => request.url)).toEqual([`${BASE_URL}/healthz`]);
  });

  it('raw exposes openapi-fetch’s { data, response } shape with the same auth', async () => {
    let auth: string | null = null;
    server.use(
      http.get(url('/healthz'), ({ request }) => {
        auth = request.headers.get('Authorization');
        return HttpResponse.json({ status: 'ok' }, { headers: { 'X-Request-Id': 'srv-9' } });
      }),
    );
    const { data, error, response } = await client.raw.GET('/healthz');
    expect(data).toEqual({ status: 'ok' });
    expect(error).toBeUndefined();
    expect(response.headers.get('X-Request-Id')).toBe('srv-9');
    expect(auth).toBe(expectedAuth);
  });
});
