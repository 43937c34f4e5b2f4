// Responses shaped like Express's res.json(): JSON text, `application/json; charset=utf-8`, the
// request id; errors through ApiError's one status/body mapping, with the server's extra headers.
import { HttpResponse } from 'msw';
import { ApiError, isApiError } from '@feedback/semantics';

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): HttpResponse<string> {
  return new HttpResponse(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId, ...headers },
  });
}

/** What the server's error handler answers for `err`; a genuine bug becomes its 500. */
export function errorResponse(err: unknown, requestId: string): HttpResponse<string> {
  if (!isApiError(err)) {
    return jsonResponse(500, { reason: 'Internal server error', error_type: 'InternalError' }, requestId);
  }
  const headers: Record<string, string> = {};
  if (err.code === 'unavailable') headers['Retry-After'] = '1';
  if (err.code === 'unauthorized') headers['WWW-Authenticate'] = 'Basic realm="feedback", charset="UTF-8"';
  return jsonResponse(err.status, err.toBody(), requestId, headers);
}

/** The 503 a database outage gives; the fake raises it when told to be unavailable. */
export function unavailableError(): ApiError {
  return new ApiError('unavailable', 'The database is unavailable; retry later');
}
