import { describe, expect, it } from 'vitest';
import { FeedbackApiError } from './feedback-api-error.js';

const response = (status: number, headers: Record<string, string> = {}, statusText = '') =>
  new Response(null, { status, headers, statusText });

describe('FeedbackApiError.fromResponse', () => {
  it('reads {reason, error_type} bodies', () => {
    const body = { reason: 'Feedback id x already exists with different content', error_type: 'Conflict' };
    const error = FeedbackApiError.fromResponse(response(409, { 'X-Request-Id': 'srv-1' }), body, 'sent-1');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'FeedbackApiError',
      kind: 'http',
      status: 409,
      reason: body.reason,
      errorType: 'Conflict',
      detail: undefined,
      requestId: 'srv-1',
      body,
      retryable: false,
    });
    expect(error.message).toBe(`409 Conflict: ${body.reason} [request id srv-1]`);
  });

  it('reads 422 detail lists and summarizes the first entry', () => {
    const detail = [
      { loc: ['body', 'project_id'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'metrics', 0, 'value_type'], msg: 'Input should be numeric', type: 'enum' },
    ];
    const error = FeedbackApiError.fromResponse(response(422), { detail }, 'sent-2');
    expect(error.detail).toEqual(detail);
    expect(error.reason).toBeUndefined();
    expect(error.requestId).toBe('sent-2');
    expect(error.message).toBe('422 HTTP error: body.project_id: Field required (and 1 more) [request id sent-2]');
  });

  it('ignores a detail list that is not the API shape', () => {
    const error = FeedbackApiError.fromResponse(response(422), { detail: 'nope' });
    expect(error.detail).toBeUndefined();
    expect(error.requestId).toBeUndefined();
  });

  it('keeps a non-JSON body as it came and uses the status text', () => {
    const error = FeedbackApiError.fromResponse(response(502, {}, 'Bad Gateway'), '<html>oops</html>');
    expect(error).toMatchObject({ status: 502, reason: undefined, errorType: undefined, body: '<html>oops</html>' });
    expect(error.message).toBe('502 Bad Gateway');
  });

  it('marks only 429 and 503 as retryable among HTTP errors, never 504', () => {
    expect(FeedbackApiError.fromResponse(response(503), {}).retryable).toBe(true);
    expect(FeedbackApiError.fromResponse(response(429), {}).retryable).toBe(true);
    expect(FeedbackApiError.fromResponse(response(504), {}).retryable).toBe(false);
    expect(FeedbackApiError.fromResponse(response(500), {}).retryable).toBe(false);
    expect(FeedbackApiError.fromResponse(response(400), {}).retryable).toBe(false);
  });

  it('carries Retry-After in ms, undefined without one', () => {
    expect(FeedbackApiError.fromResponse(response(429, { 'Retry-After': '30' }), {}).retryAfterMs).toBe(30_000);
    expect(FeedbackApiError.fromResponse(response(503), {}).retryAfterMs).toBeUndefined();
  });
});

describe('FeedbackApiError.network / timeout', () => {
  it('network: status 0, retryable, cause kept', () => {
    const cause = new TypeError('fetch failed');
    const error = FeedbackApiError.network(cause, 'id-1');
    expect(error).toMatchObject({ kind: 'network', status: 0, retryable: true, requestId: 'id-1', body: undefined });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Network error: fetch failed [request id id-1]');
  });

  it('timeout: status 0, retryable', () => {
    const error = FeedbackApiError.timeout(250, 'id-2');
    expect(error).toMatchObject({ kind: 'timeout', status: 0, retryable: true, requestId: 'id-2' });
    expect(error.message).toBe('No response within 250 ms [request id id-2]');
  });
});
