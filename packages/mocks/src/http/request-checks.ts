// The checks the server's request validator makes before the body schema: the media type the
// spec declares (415) and the query string, which no operation declares (422, as it maps the
// validator's "Unknown query parameter" error).
import { ApiError, pathSegments, toValidationDetail } from '@feedback/semantics';

/** The validator matches on the media type alone: parameters (charset, ...) do not matter. */
export function assertJsonContentType(contentType: string | null): void {
  const mediaType = (contentType ?? '').split(';', 1)[0]?.toLowerCase().trim();
  if (mediaType !== 'application/json') {
    throw new ApiError('unsupported_media_type', 'Send the body as application/json');
  }
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Query keys in the order of a plain object built from them: array indexes ascending first. */
function queryKeys(search: string): string[] {
  const keys = [...new Set(new URLSearchParams(search).keys())];
  const isIndex = (k: string) => ARRAY_INDEX.test(k) && Number(k) < 2 ** 32 - 1;
  const indexes = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndex(k))];
}

export function assertNoQueryParameters(url: URL): void {
  const [first] = queryKeys(url.search);
  if (first === undefined) return;
  const failure = { path: pathSegments(`/query/${first}`), keyword: '', message: `Unknown query parameter '${first}'` };
  throw new ApiError('validation', 'The request does not match the schema', toValidationDetail([failure]));
}

/** A JSON media type the body parser could not read leaves no body; the validator requires one. */
export function missingBodyError(): ApiError {
  return new ApiError('validation', 'The request has no body', [{ loc: ['body'], msg: "must have required property 'body'", type: 'missing' }]);
}
