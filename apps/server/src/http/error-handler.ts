import type { ErrorRequestHandler } from 'express';
import { ApiError, isApiError, UNREADABLE_BODY_REASON } from '@feedback/semantics';
import { isDatabaseUnavailable, isUnknownTimeZoneInDatabase } from '../storage/db-errors.js';
import { fromValidatorError, isValidatorError } from './validation-errors.js';

/** Any thrown value → an ApiError, or undefined for a genuine bug (answered 500, logged). */
export function toApiError(err: unknown): ApiError | undefined {
  if (isApiError(err)) return err;
  if (isDatabaseUnavailable(err)) return new ApiError('unavailable', 'The database is unavailable; retry later');
  if (isUnknownTimeZoneInDatabase(err)) {
    // The zone passed the Intl check but the database's time-zone data is older.
    return new ApiError('invalid_request', 'Unknown time zone: the database does not know this zone');
  }
  const e = err as { type?: string; status?: number } | null;
  // body-parser: malformed JSON is a schema failure (422), an oversized body a 413.
  if (e?.type === 'entity.parse.failed') {
    return new ApiError('validation', 'Malformed JSON', [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]);
  }
  if (e?.type === 'entity.too.large') return new ApiError('payload_too_large', 'The request body is over the size limit');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new ApiError('unsupported_media_type', UNREADABLE_BODY_REASON);
  }
  if (isValidatorError(err)) return fromValidatorError(err);
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const apiError = toApiError(err);
  if (apiError === undefined) {
    req.log.error({ err }, 'unhandled error');
    res.status(500).json({ reason: 'Internal server error', error_type: 'InternalError' });
    return;
  }
  if (apiError.code === 'unavailable') {
    req.log.warn({ err }, 'database unavailable');
    res.setHeader('Retry-After', '1');
  }
  if (apiError.code === 'unauthorized') res.setHeader('WWW-Authenticate', 'Basic realm="feedback", charset="UTF-8"');
  res.status(apiError.status).json(apiError.toBody());
};
