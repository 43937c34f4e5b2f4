// The request body as the server's `express.json({ limit: 2 MiB, strict: false, type:
// ['application/json', 'application/*+json'] })` reads it, behind the shared charset and encoding
// rules. That parser runs after authentication, so an anonymous body is never read; for an
// authenticated caller its answers (415 charset or encoding, 413 too large, 422 malformed JSON)
// come before the schema's.
import {
  ApiError,
  contentEncodingOf,
  isJsonMediaType,
  isReadableContentEncoding,
  isReadableJsonCharset,
  jsonCharsetOf,
  malformedCompressedBodyError,
  malformedJsonError,
  UNREADABLE_BODY_REASON,
} from '@feedback/semantics';

export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** `skipped`: not a JSON media type, the parser leaves the body alone (the server's req.body is undefined). */
export type JsonBody = { kind: 'skipped' } | { kind: 'parsed'; value: unknown };

function unreadableBody(): ApiError {
  return new ApiError('unsupported_media_type', UNREADABLE_BODY_REASON);
}

// The shared rules admit only what DecompressionStream inflates (browsers too).
type ContentEncoding = 'identity' | 'gzip' | 'deflate';

function tooLarge(): ApiError {
  return new ApiError('payload_too_large', 'The request body is over the size limit');
}

/**
 * The body's bytes, inflated, read no further than the limit (as raw-body stops a gzip bomb).
 * A stream that does not inflate (corrupt, truncated, empty) is a 422, as zlib's errors are on
 * the server. Where DecompressionStream follows the standard (browsers, Node 24) it also refuses
 * bytes after the end of the stream (a second gzip member, zero padding), which zlib accepts:
 * the one known difference, written in docs/semantics.md.
 */
async function bodyBytes(request: Request, encoding: ContentEncoding, limitBytes: number): Promise<Uint8Array> {
  if (encoding === 'identity' || request.body === null) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (encoding !== 'identity') throw malformedCompressedBodyError(encoding);
    if (bytes.byteLength > limitBytes) throw tooLarge();
    return bytes;
  }
  const reader = request.body.pipeThrough(new DecompressionStream(encoding)).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw malformedCompressedBodyError(encoding);
    }
    if (chunk.done) break;
    length += chunk.value.byteLength;
    if (length > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** `limitBytes`: BODY_LIMIT_BYTES, or an operation's own (batch create: BATCH_BODY_LIMIT_BYTES). */
export async function readJsonBody(request: Request, limitBytes: number = BODY_LIMIT_BYTES): Promise<JsonBody> {
  const contentType = request.headers.get('content-type');
  if (!isJsonMediaType(contentType)) return { kind: 'skipped' };
  const charset = jsonCharsetOf(contentType ?? '');
  const encoding = contentEncodingOf(request.headers.get('content-encoding'));
  if (!isReadableJsonCharset(charset) || !isReadableContentEncoding(encoding)) throw unreadableBody();
  const decoder = new TextDecoder(charset);
  const bytes = await bodyBytes(request, encoding as ContentEncoding, limitBytes);
  const text = decoder.decode(bytes);
  if (text.length === 0) return { kind: 'parsed', value: {} };
  try {
    return { kind: 'parsed', value: JSON.parse(text) as unknown };
  } catch {
    throw malformedJsonError();
  }
}
