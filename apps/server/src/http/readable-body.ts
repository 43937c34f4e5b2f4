import type { RequestHandler } from 'express';
import { ApiError, contentEncodingOf, isJsonMediaType, isReadableContentEncoding, isReadableJsonCharset, jsonCharsetOf, UNREADABLE_BODY_REASON } from '@feedback/semantics';

/**
 * 415 for a JSON body in a charset or an encoding outside the shared rules, before express.json
 * would decode it: body-parser alone also inflates br/zstd and decodes utf-7/utf-32, which the
 * fake (browser-safe) cannot, and a client tested against the fake must meet the same answers here.
 */
export const refuseUnreadableBody: RequestHandler = (req, _res, next) => {
  const contentType = req.headers['content-type'];
  if (!isJsonMediaType(contentType)) {
    next();
    return;
  }
  const charset = jsonCharsetOf(contentType ?? '');
  const encoding = contentEncodingOf(req.headers['content-encoding']);
  if (!isReadableJsonCharset(charset) || !isReadableContentEncoding(encoding)) {
    next(new ApiError('unsupported_media_type', UNREADABLE_BODY_REASON));
    return;
  }
  next();
};
