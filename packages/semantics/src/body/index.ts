export {
  contentEncodingOf,
  isJsonMediaType,
  isReadableContentEncoding,
  isReadableJsonCharset,
  jsonCharsetOf,
  READABLE_CONTENT_ENCODINGS,
  UNREADABLE_BODY_REASON,
} from './json-media-type.js';
export { malformedCompressedBodyError, malformedJsonError } from './undecodable-body.js';
