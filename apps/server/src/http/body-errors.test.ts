import { gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fromBodyReadError } from './body-errors.js';

/** An error as body-parser makes them (http-errors): a message, a status and a `type`. */
function createError(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, statusCode: status, type, expose: status < 500 });
}

/** What body-parser hands on for a body zlib cannot inflate: zlib's own error, given status 400. */
function zlibError(bytes: Buffer, encoding: string): unknown {
  try {
    if (encoding === 'deflate') inflateSync(bytes);
    else gunzipSync(bytes);
  } catch (err) {
    return Object.assign(err as Error, { status: 400, statusCode: 400, expose: true });
  }
  throw new Error('expected the bytes not to inflate');
}

describe('fromBodyReadError', () => {
  it('maps body-parser and raw-body error types to their 4xx', () => {
    const statusOf = (type: string) => fromBodyReadError(createError(400, type), undefined)?.status;
    expect(statusOf('entity.parse.failed')).toBe(422);
    expect(statusOf('entity.too.large')).toBe(413);
    expect(statusOf('encoding.unsupported')).toBe(415);
    expect(statusOf('charset.unsupported')).toBe(415);
    expect(statusOf('request.aborted')).toBe(400);
    expect(statusOf('request.size.invalid')).toBe(400);
  });

  it('answers a body that does not inflate with a 422 json_invalid naming the encoding', () => {
    for (const [bytes, encoding] of [[Buffer.from('not gzip'), 'gzip'], [Buffer.alloc(0), 'deflate'], [Buffer.from([0x1f, 0x8b, 8, 0]), 'GZIP']] as const) {
      const err = fromBodyReadError(zlibError(bytes, encoding.toLowerCase()), encoding);
      expect(err?.toBody()).toEqual({ detail: [{ loc: ['body'], msg: `The body is not valid ${encoding.toLowerCase()} data: it is corrupt, truncated or empty`, type: 'json_invalid' }] });
    }
  });

  it('leaves what only a server bug causes (the body read twice) and anything else to the 500', () => {
    expect(fromBodyReadError(createError(500, 'stream.encoding.set'), undefined)).toBeUndefined();
    expect(fromBodyReadError(createError(500, 'stream.not.readable'), undefined)).toBeUndefined();
    expect(fromBodyReadError(Object.assign(new Error('x'), { code: 'Z_DATA_ERROR' }), 'gzip')).toBeUndefined();
    expect(fromBodyReadError(new TypeError('x'), undefined)).toBeUndefined();
    expect(fromBodyReadError('x', undefined)).toBeUndefined();
  });
});
