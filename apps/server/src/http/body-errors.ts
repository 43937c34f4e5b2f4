// What express.json (body-parser → raw-body → zlib) throws while reading a request body, as the
// API's 4xx. Every one of these is caused by the client's bytes or by the client going away, so
// none is a 500; the fake (packages/mocks json-body.ts) answers the same bodies alike.
import { ApiError, contentEncodingOf, malformedCompressedBodyError, malformedJsonError, UNREADABLE_BODY_REASON } from '@feedback/semantics';

// zlib's codes for input it cannot inflate: corrupt or wrong-format data, input that ends early
// (truncated or empty), a deflate stream that needs a preset dictionary.
const UNINFLATABLE = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_NEED_DICT']);

interface BodyReadError {
  type?: unknown;
  code?: unknown;
  status?: unknown;
}

function isObject(err: unknown): err is BodyReadError {
  return typeof err === 'object' && err !== null;
}

/**
 * The ApiError for an error of the body parser, or undefined when `err` is not one.
 * `contentEncodingHeader`: the request's Content-Encoding, named in the answer to a body that
 * does not inflate.
 */
export function fromBodyReadError(err: unknown, contentEncodingHeader: string | undefined): ApiError | undefined {
  if (!isObject(err)) return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return malformedJsonError();
    case 'entity.too.large':
      return new ApiError('payload_too_large', 'The request body is over the size limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError('unsupported_media_type', UNREADABLE_BODY_REASON);
    // The client closed the connection mid-body (nobody reads this answer; it is logged as a 4xx).
    case 'request.aborted':
      return new ApiError('invalid_request', 'The client closed the connection before the body was complete');
    case 'request.size.invalid':
      return new ApiError('invalid_request', 'The body is not as long as its Content-Length says');
    default:
      break;
  }
  // body-parser passes zlib's own error on with status 400 and no `type`.
  if (err.status === 400 && typeof err.code === 'string' && UNINFLATABLE.has(err.code)) {
    return malformedCompressedBodyError(contentEncodingOf(contentEncodingHeader));
  }
  // What is left (stream.encoding.set, stream.not.readable) means the server read the body
  // twice: a bug, answered 500.
  return undefined;
}
