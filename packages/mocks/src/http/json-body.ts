// The request body as the server's `express.json({ limit: 2 MiB, strict: false, type:
// ['application/json', 'application/*+json'] })` reads it. That parser runs before
// authentication, so its answers (422 malformed JSON, 413 too large, 415 charset) come first.
import { ApiError } from '@feedback/semantics';

export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** `skipped`: not a JSON media type, the parser leaves the body alone (the server's req.body is undefined). */
export type JsonBody = { kind: 'skipped' } | { kind: 'parsed'; value: unknown };

// type-is: the media type before any `;`, trimmed of spaces and tabs, lowercased, must be a
// well-formed type/subtype (media-typer's test) before it is matched.
const MEDIA_TYPE = /^ *([a-z0-9][a-z0-9!#$&^_-]{0,126})\/([a-z0-9][a-z0-9!#$&^_.+-]{0,126}) *$/;

function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0]?.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase() ?? '';
}

/** Whether body-parser would parse this Content-Type as JSON. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null || contentType === '') return false;
  const m = MEDIA_TYPE.exec(mediaTypeOf(contentType));
  if (m === null) return false;
  const [, type, subtype = ''] = m;
  return type === 'application' && (subtype === 'json' || (subtype.length > 5 && subtype.endsWith('+json')));
}

/** The `charset` parameter, lowercased, as the `content-type` package reads it. */
function charsetOf(contentType: string): string | undefined {
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1).replace(/".*$/, '').replace(/\\(.)/g, '$1');
    return value.toLowerCase();
  }
  return undefined;
}

function unsupportedCharset(): ApiError {
  return new ApiError('unsupported_media_type', 'Send the body as UTF-8 application/json');
}

function decoderFor(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    // iconv-lite knows a few more utf-* names (utf-7, utf-32) than TextDecoder; both refuse the rest.
    throw unsupportedCharset();
  }
}

// The server also inflates br (and zstd where Node has it); DecompressionStream, which works in
// browsers too, knows only gzip and deflate.
type ContentEncoding = 'identity' | 'gzip' | 'deflate';

function isKnownEncoding(encoding: string): encoding is ContentEncoding {
  return encoding === 'identity' || encoding === 'gzip' || encoding === 'deflate';
}

async function bodyBytes(request: Request, encoding: ContentEncoding): Promise<Uint8Array> {
  if (encoding === 'identity' || request.body === null) return new Uint8Array(await request.arrayBuffer());
  const inflated = request.body.pipeThrough(new DecompressionStream(encoding));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

export async function readJsonBody(request: Request): Promise<JsonBody> {
  const contentType = request.headers.get('content-type');
  if (!isJsonMediaType(contentType)) return { kind: 'skipped' };
  // An empty `charset=` counts as none, as in body-parser.
  const charset = charsetOf(contentType ?? '') || 'utf-8';
  if (!charset.startsWith('utf-')) throw unsupportedCharset();
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase();
  if (!isKnownEncoding(encoding)) throw unsupportedCharset();
  const decoder = decoderFor(charset);
  const bytes = await bodyBytes(request, encoding);
  if (bytes.byteLength > BODY_LIMIT_BYTES) {
    throw new ApiError('payload_too_large', 'The request body is over the size limit');
  }
  const text = decoder.decode(bytes);
  if (text.length === 0) return { kind: 'parsed', value: {} };
  try {
    return { kind: 'parsed', value: JSON.parse(text) as unknown };
  } catch {
    throw new ApiError('validation', 'Malformed JSON', [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
}
