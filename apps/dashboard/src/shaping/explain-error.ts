// What went wrong, in words, and what to do about it. Errors reach the app in three shapes: the
// API's error body ({reason, error_type}) that openapi-react-query throws, a 422 body
// ({detail: [...]}), and the SDK's FeedbackApiError for network failures and timeouts.
import type { ErrorResponse, HTTPValidationError } from '@feedback/api-types';

export interface Explanation {
  /** HTTP status when known (0 for network errors and timeouts). */
  status: number;
  title: string;
  detail: string;
  /** What the user can do. */
  action: string;
  /** The key itself is the problem: the app offers to sign in again. */
  signInAgain: boolean;
}

const STATUS_OF: Readonly<Record<ErrorResponse['error_type'], number>> = {
  InvalidRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  RateLimited: 429,
  QueryTimeout: 504,
  ServiceUnavailable: 503,
  InternalError: 500,
};

function isErrorResponse(e: unknown): e is ErrorResponse {
  return typeof e === 'object' && e !== null && typeof (e as ErrorResponse).error_type === 'string' && typeof (e as ErrorResponse).reason === 'string';
}

function isValidationError(e: unknown): e is HTTPValidationError {
  return typeof e === 'object' && e !== null && Array.isArray((e as HTTPValidationError).detail);
}

interface TransportError {
  kind: 'network' | 'timeout' | 'http';
  status: number;
  message: string;
  reason?: string | undefined;
  errorType?: string | undefined;
}

function isTransportError(e: unknown): e is TransportError {
  return e instanceof Error && typeof (e as Partial<TransportError>).kind === 'string' && typeof (e as Partial<TransportError>).status === 'number';
}

function fromApiError(errorType: ErrorResponse['error_type'], reason: string): Explanation {
  const status = STATUS_OF[errorType];
  switch (errorType) {
    case 'Unauthorized':
      return {
        status,
        title: 'The API key was not accepted',
        detail: `The server does not know this key, or it has expired or been revoked (${reason}).`,
        action: 'Sign in again with a valid key: `feedback-server keys create` prints a new one, or use the key `npm start` printed.',
        signInAgain: true,
      };
    case 'Forbidden':
      return {
        status,
        title: 'This key may not read this project',
        detail: reason,
        action: /scope/i.test(reason)
          ? 'Use a key with the "read" scope (keys made with `--scopes ingest` can only write).'
          : 'Check the project id, or use a key whose projects include it (e.g. `--projects entity/*`).',
        signInAgain: /scope/i.test(reason),
      };
    case 'RateLimited':
      return {
        status,
        title: 'Too many requests',
        detail: `The server's per-key or per-address limit was reached (${reason}).`,
        action: 'Wait a minute; the view retries on its own. Turn auto-refresh down or off if it keeps happening.',
        signInAgain: false,
      };
    case 'QueryTimeout':
      return { status, title: 'The query took too long', detail: reason, action: 'Ask for less: a shorter range, a coarser granularity or fewer panels.', signInAgain: false };
    case 'ServiceUnavailable':
      return { status, title: 'The server is unavailable', detail: reason, action: 'Try again in a moment.', signInAgain: false };
    case 'InvalidRequest':
      return { status, title: 'The server refused this view', detail: reason, action: 'Change the view as the reason says.', signInAgain: false };
    default:
      return { status, title: `The server answered ${status}`, detail: reason, action: 'Try again; if it persists, report it with the time.', signInAgain: false };
  }
}

export function explainError(error: unknown): Explanation {
  if (isErrorResponse(error)) return fromApiError(error.error_type, error.reason);
  if (isValidationError(error)) {
    const first = error.detail?.[0];
    const where = first ? `${first.loc.join('.')}: ${first.msg}` : 'the request does not match the API';
    return { status: 422, title: 'The server refused a field of this view', detail: where, action: 'Correct that field (e.g. the project id is `entity/project`).', signInAgain: false };
  }
  if (isTransportError(error)) {
    if (error.kind === 'http' && error.errorType !== undefined && error.errorType in STATUS_OF) {
      return fromApiError(error.errorType as ErrorResponse['error_type'], error.reason ?? error.message);
    }
    if (error.kind === 'timeout') {
      return { status: 0, title: 'No answer in time', detail: error.message, action: 'Check that the server is running, then try again.', signInAgain: false };
    }
    return { status: error.status, title: 'The server could not be reached', detail: error.message, action: 'Check that the server is running and reachable, then try again.', signInAgain: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 0, title: 'Something went wrong', detail: message, action: 'Reload the page; if it persists, report it.', signInAgain: false };
}
