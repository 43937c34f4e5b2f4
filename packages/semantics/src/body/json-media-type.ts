// Which request bodies the API reads as JSON, and which it can decode: one rule for the server
// (checked before express.json) and the fake (which must also run in browsers, so it decodes with
// TextDecoder and DecompressionStream). A body neither can decode the same way is a 415 on both:
// br/zstd encodings, and charsets TextDecoder does not know (utf-7, utf-32).

/** Content-Encoding values a body may use: DecompressionStream (browsers too) inflates these. */
export const READABLE_CONTENT_ENCODINGS: readonly string[] = ['identity', 'gzip', 'deflate'];

// type-is: the media type before any `;`, trimmed of spaces and tabs, lowercased, must be a
// well-formed type/subtype (media-typer's test) before it is matched.
const MEDIA_TYPE = /^ *([a-z0-9][a-z0-9!#$&^_-]{0,126})\/([a-z0-9][a-z0-9!#$&^_.+-]{0,126}) *$/;

function mediaTypeOf(contentType: string): string {
  return contentType.split(';', 1)[0]?.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase() ?? '';
}

/** Whether the body is read as JSON: `application/json` or `application/*+json`, as body-parser matches them. */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (contentType === null || contentType === undefined || contentType === '') return false;
  const m = MEDIA_TYPE.exec(mediaTypeOf(contentType));
  if (m === null) return false;
  const [, type, subtype = ''] = m;
  return type === 'application' && (subtype === 'json' || (subtype.length > 5 && subtype.endsWith('+json')));
}

/** The `charset` parameter, lowercased, as the `content-type` package reads it; `utf-8` when absent or empty. */
export function jsonCharsetOf(contentType: string): string {
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1).replace(/".*$/, '').replace(/\\(.)/g, '$1');
    // An empty `charset=` counts as none, as in body-parser.
    return value.toLowerCase() || 'utf-8';
  }
  return 'utf-8';
}

/** A `utf-*` charset (body-parser's rule) that TextDecoder can decode. */
export function isReadableJsonCharset(charset: string): boolean {
  if (!charset.startsWith('utf-')) return false;
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/** The Content-Encoding header as body-parser reads it: absent or empty means identity. */
export function contentEncodingOf(header: string | null | undefined): string {
  return (header || 'identity').toLowerCase();
}

export function isReadableContentEncoding(encoding: string): boolean {
  return READABLE_CONTENT_ENCODINGS.includes(encoding);
}

/** The body of the 415 for a charset or an encoding outside these rules. */
export const UNREADABLE_BODY_REASON = 'Send the body as UTF-8 application/json (identity, gzip or deflate encoded)';
