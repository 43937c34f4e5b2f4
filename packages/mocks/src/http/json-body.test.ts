import { describe, expect, it } from 'vitest';
import { ApiError, isJsonMediaType, UNREADABLE_BODY_REASON } from '@feedback/semantics';
import { BODY_LIMIT_BYTES, readJsonBody } from './json-body.js';

const request = (body: BodyInit, headers: Record<string, string>) => new Request('http://x.test/feedback/create', { method: 'POST', body, headers });

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('isJsonMediaType', () => {
  it('matches application/json and application/*+json like type-is', () => {
    for (const t of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;', 'application/vnd.api+json']) {
      expect(isJsonMediaType(t), t).toBe(true);
    }
    for (const t of [null, '', 'text/plain', 'application/jsonx', 'application/+json', 'text/x+json', 'application/json x']) {
      expect(isJsonMediaType(t), String(t)).toBe(false);
    }
  });
});

describe('readJsonBody', () => {
  it('leaves a non-JSON media type alone', async () => {
    expect(await readJsonBody(request('{bad', { 'content-type': 'text/plain' }))).toEqual({ kind: 'skipped' });
  });

  it('parses any JSON value; an empty body is {}', async () => {
    expect(await readJsonBody(request('[1]', { 'content-type': 'application/json' }))).toEqual({ kind: 'parsed', value: [1] });
    expect(await readJsonBody(request('', { 'content-type': 'application/json' }))).toEqual({ kind: 'parsed', value: {} });
  });

  it('gives 422 json_invalid for malformed JSON', async () => {
    const err = await errorOf(readJsonBody(request(' ', { 'content-type': 'application/json' })));
    expect(err.toBody()).toEqual({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
  });

  it('gives 413 over 2 MiB, exactly 2 MiB is fine', async () => {
    const fits = `"${'x'.repeat(BODY_LIMIT_BYTES - 2)}"`;
    expect((await readJsonBody(request(fits, { 'content-type': 'application/json' }))).kind).toBe('parsed');
    const err = await errorOf(readJsonBody(request(`${fits} `, { 'content-type': 'application/json' })));
    expect(err.status).toBe(413);
    expect(err.message).toBe('The request body is over the size limit');
  });

  it('reads utf-16 and refuses charsets that are not utf-*', async () => {
    const utf16 = new Uint8Array([...'{"a":"é"}'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
    expect(await readJsonBody(request(utf16, { 'content-type': 'application/json; charset="UTF-16LE"' }))).toEqual({ kind: 'parsed', value: { a: 'é' } });
    expect((await readJsonBody(request('{}', { 'content-type': 'application/json; charset=' }))).kind).toBe('parsed');
    for (const charset of ['latin1', 'utf8', 'utf-99', 'utf-7', 'utf-32']) {
      const err = await errorOf(readJsonBody(request('{}', { 'content-type': `application/json; charset=${charset}` })));
      expect(err.status, charset).toBe(415);
      expect(err.message).toBe(UNREADABLE_BODY_REASON);
    }
  });

  it('inflates gzip and refuses unknown content encodings', async () => {
    const gzipped = await new Response(new Blob(['{"a":1}']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    const parsed = await readJsonBody(request(gzipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
    expect(parsed).toEqual({ kind: 'parsed', value: { a: 1 } });
    for (const encoding of ['compress', 'br', 'zstd']) {
      const err = await errorOf(readJsonBody(request('{}', { 'content-type': 'application/json', 'content-encoding': encoding })));
      expect(err.status, encoding).toBe(415);
    }
  });
});
