// Error statuses become one FeedbackApiError carrying what the server said; none is retried.
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { FeedbackApiError, createFeedbackClient } from '../src/index.js';
import type { ErrorResponse } from '../src/index.js';
import { BASE_URL, createBody, rejectionOf, server, statsBody, url, useApiServer } from './api-server.js';

useApiServer();

// retryBaseDelayMs tiny: a wrongly retried 4xx would still show up in the attempt count.
const client = createFeedbackClient({ baseUrl: BASE_URL, apiKey: 'k', retryBaseDelayMs: 1 });

describe('createFeedbackClient: error statuses', () => {
  it('422 → FeedbackApiError with the detail list', async () => {
    const detail = [{ loc: ['body', 'project_id'], msg: 'Field required', type: 'missing' }];
    server.use(http.post(url('/feedback/stats'), () => HttpResponse.json({ detail }, { status: 422 })));
    const error = await rejectionOf(client.stats(statsBody));
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status: 422,
      detail,
      reason: undefined,
      errorType: undefined,
      body: { detail },
      retryable: false,
    });
  });

  const cases: [number, ErrorResponse][] = [
    [400, { reason: 'Unknown time zone: Mars/Olympus_Mons', error_type: 'InvalidRequest' }],
    [401, { reason: 'Missing or invalid credentials', error_type: 'Unauthorized' }],
    [403, { reason: 'This key does not grant access to project acme/support-bot', error_type: 'Forbidden' }],
    [409, { reason: 'Feedback id x already exists with different content', error_type: 'Conflict' }],
    [413, { reason: 'payload is 1310720 bytes; the limit is 1048576', error_type: 'PayloadTooLarge' }],
  ];
  it.each(cases)('%i → reason and errorType from the body', async (status, body) => {
    server.use(http.post(url('/feedback/create'), () => HttpResponse.json(body, { status })));
    const error = await rejectionOf(client.create({ ...createBody, id: 'client-chosen-id' }));
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({
      kind: 'http',
      status,
      reason: body.reason,
      errorType: body.error_type,
      detail: undefined,
      retryable: false,
    });
  });

  it('captures the X-Request-Id the server answered with', async () => {
    server.use(
      http.post(url('/feedback/stats'), () =>
        HttpResponse.json({ reason: 'no', error_type: 'Forbidden' }, { status: 403, headers: { 'X-Request-Id': 'srv-42' } }),
      ),
    );
    const error = await rejectionOf(client.stats(statsBody));
    expect(error).toMatchObject({ requestId: 'srv-42' });
    expect(error).toHaveProperty('message', '403 Forbidden: no [request id srv-42]');
  });

  it('falls back to the X-Request-Id the client sent', async () => {
    let sent: string | null = null;
    server.use(
      http.post(url('/feedback/stats'), ({ request }) => {
        sent = request.headers.get('X-Request-Id');
        return HttpResponse.json({ reason: 'no', error_type: 'Forbidden' }, { status: 403 });
      }),
    );
    const error = await rejectionOf(client.stats(statsBody));
    expect(sent).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(error).toMatchObject({ requestId: sent });
  });

  it('keeps an error body that is not JSON', async () => {
    server.use(http.post(url('/feedback/stats'), () => new HttpResponse('upstream exploded', { status: 500 })));
    const error = await rejectionOf(client.stats(statsBody));
    expect(error).toMatchObject({ kind: 'http', status: 500, body: 'upstream exploded', reason: undefined });
  });

  it('reports an error status with an empty body', async () => {
    server.use(http.post(url('/feedback/stats'), () => new HttpResponse(null, { status: 401 })));
    await expect(client.stats(statsBody)).rejects.toMatchObject({ kind: 'http', status: 401, body: undefined });
  });

  it('treats a 200 without a body as an error rather than returning undefined', async () => {
    server.use(http.get(url('/healthz'), () => new HttpResponse(null, { status: 200 })));
    await expect(client.healthz()).rejects.toMatchObject({ kind: 'http', status: 200 });
  });

  it.each([400, 401, 403, 409, 413, 422])('never retries %i, even on a read', async (status) => {
    let attempts = 0;
    server.use(
      http.post(url('/feedback/stats'), () => {
        attempts += 1;
        return HttpResponse.json({ reason: 'no', error_type: 'InvalidRequest' }, { status });
      }),
    );
    await expect(client.stats(statsBody)).rejects.toMatchObject({ status });
    expect(attempts).toBe(1);
  });

  it('raw returns { error, response } instead of throwing', async () => {
    const body: ErrorResponse = { reason: 'no', error_type: 'Forbidden' };
    server.use(http.post(url('/feedback/stats'), () => HttpResponse.json(body, { status: 403 })));
    const { data, error, response } = await client.raw.POST('/feedback/stats', { body: statsBody });
    expect(data).toBeUndefined();
    expect(error).toEqual(body);
    expect(response.status).toBe(403);
  });
});
