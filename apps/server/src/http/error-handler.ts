import type { ErrorRequestHandler } from 'express';
import { ApiError, isApiError } from '@feedback/semantics';
import { isDatabaseUnavailable, isUnknownTimeZoneInDatabase } from '../storage/db-errors.js';
import { fromBodyReadError } from './body-errors.js';
import { fromValidatorError, isValidatorError } from './validation-errors.js';

/**
 * Any thrown value → an ApiError, or undefined for a genuine bug (answered 500, logged).
 * `contentEncoding`: the request's Content-Encoding header, named when its body does not inflate.
 */
export function toApiError(err: unknown, contentEncoding?: string): ApiError | undefined {
  if (isApiError(err)) return err;
  // A statement timeout is a 503 here; the stats and aggregate queries answer 504 (routes/read-timeout.ts).
  if (isDatabaseUnavailable(err)) return new ApiError('unavailable', 'The database is unavailable; retry later');
  if (isUnknownTimeZoneInDatabase(err)) {
    // The zone passed the Intl check but the database's time-zone data is older.
    return new ApiError('invalid_request', 'Unknown time zone: the database does not know this zone');
  }
  // body-parser: malformed JSON or a body that does not inflate is a 422, an oversized body a 413.
  const bodyError = fromBodyReadError(err, contentEncoding);
  if (bodyError !== undefined) return bodyError;
  if (isValidatorError(err)) return fromValidatorError(err);
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const apiError = toApiError(err, req.headers['content-encoding']);
  if (apiError === undefined) {
    req.log.error({ err }, 'unhandled error');
    res.status(500).json({ reason: 'Internal server error', error_type: 'InternalError' });
    return;
  }
  if (apiError.code === 'unavailable') {
    // The reason tells a database outage from a full create queue ("server busy").
    req.log.warn({ err }, `unavailable: ${apiError.message}`);
    res.setHeader('Retry-After', '1');
  }
  if (apiError.code === 'query_timeout') req.log.warn({ err }, 'statement timeout');
  if (apiError.code === 'unauthorized') res.setHeader('WWW-Authenticate', 'Basic realm="feedback", charset="UTF-8"');
  res.status(apiError.status).json(apiError.toBody());
};
