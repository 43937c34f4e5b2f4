import { describe, expect, it } from 'vitest';
import { contentEncodingOf, isJsonMediaType, isReadableContentEncoding, isReadableJsonCharset, jsonCharsetOf } from './json-media-type.js';

describe('request body rules', () => {
  it('reads the charset parameter as the content-type package does, utf-8 when absent or empty', () => {
    expect(jsonCharsetOf('application/json')).toBe('utf-8');
    expect(jsonCharsetOf('application/json; charset=')).toBe('utf-8');
    expect(jsonCharsetOf('application/json; Charset="UTF-16LE"')).toBe('utf-16le');
    expect(jsonCharsetOf('application/json; foo=bar; charset=utf-8')).toBe('utf-8');
  });

  it('takes utf-* charsets a TextDecoder knows, and no others', () => {
    for (const c of ['utf-8', 'utf-16', 'utf-16le', 'utf-16be']) expect(isReadableJsonCharset(c), c).toBe(true);
    for (const c of ['utf8', 'latin1', 'utf-7', 'utf-32', 'utf-99', '']) expect(isReadableJsonCharset(c), c).toBe(false);
  });

  it('reads an absent or empty Content-Encoding as identity', () => {
    expect(contentEncodingOf(undefined)).toBe('identity');
    expect(contentEncodingOf(null)).toBe('identity');
    expect(contentEncodingOf('')).toBe('identity');
    expect(contentEncodingOf('GZIP')).toBe('gzip');
  });

  it('takes identity, gzip and deflate encodings only', () => {
    for (const e of ['identity', 'gzip', 'deflate']) expect(isReadableContentEncoding(e), e).toBe(true);
    for (const e of ['br', 'zstd', 'compress', 'gzip, br', '']) expect(isReadableContentEncoding(e), e).toBe(false);
  });

  it('treats application/json and application/*+json as JSON', () => {
    expect(isJsonMediaType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json')).toBe(false);
    expect(isJsonMediaType(undefined)).toBe(false);
  });
});
