// The transport on its own, with a scripted fetch: what each attempt carries and when the loop
// stops. The end-to-end scenarios through openapi-fetch and MSW are in test/.
import { describe, expect, it } from 'vitest';
import { FeedbackApiError } from './feedback-api-error.js';
import { createResilientFetch } from './resilient-fetch.js';
import type { ResilienceSettings } from './resilient-fetch.js';

type Step = (request: Request) => Promise<Response>;

// A fetch that plays `steps` in order and records every Request it was given.
function scriptedFetch(...steps: Step[]) {
  const seen: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push(request);
    const step = steps[seen.length - 1];
    if (step === undefined) throw new Error(`unexpected attempt ${seen.length}`);
    return step(request);
  };
  return { fetch, seen };
}

const ok: Step = async () => Response.json({ status: 'ok' });
const unavailable: Step = async () => Response.json({ reason: 'down', error_type: 'ServiceUnavailable' }, { status: 503 });
const refused: Step = async () => {
  throw new TypeError('fetch failed');
};
const never: Step = () => new Promise<Response>(() => undefined);

function transport(fetch: Step, overrides: Partial<ResilienceSettings> = {}) {
  return createResilientFetch({ fetch, timeoutMs: 1_000, retries: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...overrides });
}

const statsRequest = (init: RequestInit = {}) =>
  new Request('http://api.test/feedback/stats', { method: 'POST', body: '{"project_id":"acme/bot"}', ...init });

describe('createResilientFetch', () => {
  it('sends each attempt as a fresh Request with the full body and one request id', async () => {
    const { fetch, seen } = scriptedFetch(unavailable, refused, ok);
    const response = await transport(fetch)(statsRequest());
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    for (const request of seen) expect(await request.text()).toBe('{"project_id":"acme/bot"}');
    const ids = seen.map((request) => request.headers.get('X-Request-Id'));
    expect(ids[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps a request id the caller set', async () => {
    const { fetch, seen } = scriptedFetch(ok);
    await transport(fetch)(statsRequest({ headers: { 'X-Request-Id': 'mine' } }));
    expect(seen[0]?.headers.get('X-Request-Id')).toBe('mine');
  });

  it('returns the last 503 once retries are spent', async () => {
    const { fetch, seen } = scriptedFetch(unavailable, unavailable, unavailable);
    const response = await transport(fetch)(statsRequest());
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ reason: 'down', error_type: 'ServiceUnavailable' });
    expect(seen).toHaveLength(3);
  });

  it('throws the network failure once retries are spent', async () => {
    const { fetch, seen } = scriptedFetch(refused, refused);
    const error = await transport(fetch, { retries: 1 })(statsRequest()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ kind: 'network', status: 0 });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a create without id', async () => {
    const { fetch, seen } = scriptedFetch(unavailable, ok);
    const create = new Request('http://api.test/feedback/create', { method: 'POST', body: '{"project_id":"acme/bot"}' });
    expect((await transport(fetch)(create)).status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('times out even when the fetch ignores the abort signal', async () => {
    const { fetch, seen } = scriptedFetch(never);
    const error = await transport(fetch, { timeoutMs: 20, retries: 0 })(statsRequest()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', status: 0 });
    expect(seen).toHaveLength(1);
  });

  it('times out when headers arrive but the body stalls', async () => {
    const stalledBody: Step = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) }));
    const { fetch } = scriptedFetch(stalledBody, ok);
    const response = await transport(fetch, { timeoutMs: 30, retries: 1 })(statsRequest());
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('hands back a response whose body can still be read', async () => {
    const { fetch } = scriptedFetch(ok);
    const response = await transport(fetch)(statsRequest());
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('stops at once, with the caller’s reason, when the caller aborts during backoff', async () => {
    const controller = new AbortController();
    const { fetch, seen } = scriptedFetch(async () => {
      setTimeout(() => controller.abort(new Error('caller gave up')), 5);
      return unavailable(statsRequest());
    });
    const send = transport(fetch, { retryBaseDelayMs: 5_000, retryMaxDelayMs: 5_000 });
    const started = performance.now();
    await expect(send(statsRequest({ signal: controller.signal }))).rejects.toThrow('caller gave up');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(seen).toHaveLength(1);
  });

  it('rejects with the caller’s reason, not a timeout, when aborted mid-attempt', async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch(never);
    setTimeout(() => controller.abort(new Error('cancelled')), 5);
    const error = await transport(fetch)(statsRequest({ signal: controller.signal })).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(FeedbackApiError);
    expect(error).toMatchObject({ message: 'cancelled' });
  });

  it('passes the attempt signal to the fetch, and aborts it on timeout', async () => {
    const { fetch, seen } = scriptedFetch(never);
    await transport(fetch, { timeoutMs: 10, retries: 0 })(statsRequest()).catch(() => undefined);
    expect(seen[0]?.signal.aborted).toBe(true);
  });
});
