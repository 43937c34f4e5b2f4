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

  it('gives 422 json_invalid at body for a gzip or deflate body that does not inflate', async () => {
    const gzipped = new Uint8Array(await new Response(new Blob(['{"a":1}']).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const rawDeflate = await new Response(new Blob(['{"a":1}']).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
    const cases: [string, BodyInit, string][] = [
      ['garbage', 'not compressed', 'gzip'],
      ['truncated', gzipped.slice(0, -4), 'gzip'],
      ['bad checksum', Uint8Array.from(gzipped, (b, i) => (i === gzipped.length - 8 ? b ^ 0xff : b)), 'gzip'],
      ['empty', new Uint8Array(0), 'gzip'],
      ['raw deflate sent as deflate', rawDeflate, 'deflate'],
      ['gzip sent as deflate', gzipped, 'deflate'],
    ];
    for (const [label, body, encoding] of cases) {
      const err = await errorOf(readJsonBody(request(body, { 'content-type': 'application/json', 'content-encoding': encoding })));
      expect(err.toBody(), label).toEqual({ detail: [{ loc: ['body'], msg: `The body is not valid ${encoding} data: it is corrupt, truncated or empty`, type: 'json_invalid' }] });
    }
  });

  it('stops inflating at the body limit: a small gzip body that inflates past 2 MiB is a 413', async () => {
    const bomb = await new Response(new Blob([' '.repeat(BODY_LIMIT_BYTES + 1)]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    expect(bomb.byteLength).toBeLessThan(10_000);
    const err = await errorOf(readJsonBody(request(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })));
    expect(err.status).toBe(413);
  });
});
