import { describe, expect, it } from 'vitest';
import { ApiError } from '@feedback/semantics';
import { assertJsonContentType, assertNoQueryParameters } from './request-checks.js';

function bodyOf(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, body: err.toBody() };
    throw err;
  }
  return undefined;
}

describe('assertJsonContentType', () => {
  it('accepts application/json with any parameters, refuses the rest with 415', () => {
    expect(bodyOf(() => assertJsonContentType('APPLICATION/JSON ; charset=utf-16'))).toBeUndefined();
    for (const t of [null, '', 'application/vnd.api+json', 'text/json']) {
      expect(bodyOf(() => assertJsonContentType(t))).toEqual({
        status: 415,
        body: { reason: 'Send the body as application/json', error_type: 'UnsupportedMediaType' },
      });
    }
  });
});

describe('assertNoQueryParameters', () => {
  it('passes without a query string', () => {
    expect(bodyOf(() => assertNoQueryParameters(new URL('http://x.test/feedback/stats?')))).toBeUndefined();
  });

  it('names the first key in plain-object order: array indexes first', () => {
    expect(bodyOf(() => assertNoQueryParameters(new URL('http://x.test/a?z=1&10=2&3=4')))).toEqual({
      status: 422,
      body: { detail: [{ loc: ['body', 'query', 3], msg: "Unknown query parameter '3'", type: 'value_error' }] },
    });
  });

  it('splits a dotted key into loc segments, as the server does', () => {
    expect(bodyOf(() => assertNoQueryParameters(new URL('http://x.test/a?a.b=1')))).toEqual({
      status: 422,
      body: { detail: [{ loc: ['body', 'query', 'a', 'b'], msg: "Unknown query parameter 'a.b'", type: 'value_error' }] },
    });
  });
});
