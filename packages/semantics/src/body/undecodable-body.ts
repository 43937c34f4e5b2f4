// A body whose bytes do not decode to one JSON value is a 422 at `body`, whatever step failed:
// the JSON text itself, or the gzip/deflate stream around it (corrupt, truncated, raw deflate sent
// as `deflate`, or empty). Weave, which inflates nothing, answers a compressed body with the same
// 422 json_invalid. The server (zlib) and the fake (DecompressionStream) both throw these.
import { ApiError } from '../errors.js';

export function malformedJsonError(): ApiError {
  return new ApiError('validation', 'Malformed JSON', [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]);
}

/** `encoding`: the Content-Encoding the body claimed (gzip or deflate). */
export function malformedCompressedBodyError(encoding: string): ApiError {
  const msg = `The body is not valid ${encoding} data: it is corrupt, truncated or empty`;
  return new ApiError('validation', msg, [{ loc: ['body'], msg, type: 'json_invalid' }]);
}
