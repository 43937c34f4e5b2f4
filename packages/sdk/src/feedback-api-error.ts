// The one error type the SDK throws for a failed call, whatever went wrong: an HTTP error
// status, a network failure, or a timeout. `kind` says which; the other fields carry what the
// server said, so callers branch on data instead of parsing messages.
import type { ValidationError } from '@feedback/api-types';
import { parseRetryAfterMs } from './retry-delay.js';

/** `http`: the server answered with an error status. `network`: no answer. `timeout`: no answer in time. */
export type FeedbackApiErrorKind = 'http' | 'network' | 'timeout';

export interface FeedbackApiErrorInit {
  kind: FeedbackApiErrorKind;
  message: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  reason?: string | undefined;
  errorType?: string | undefined;
  detail?: ValidationError[] | undefined;
  requestId?: string | undefined;
  body?: unknown;
  cause?: unknown;
  /** How long the server asked the caller to wait (`Retry-After`), in ms. */
  retryAfterMs?: number | undefined;
}

// Statuses after which the same request may succeed later: the server was busy or down (503), or
// refused for now (429). 504 is not among them: a query that ran out of time will again.
const RETRYABLE_STATUSES = new Set([429, 503]);

export class FeedbackApiError extends Error {
  override name = 'FeedbackApiError';
  readonly kind: FeedbackApiErrorKind;
  /** HTTP status; 0 for `network` and `timeout`. */
  readonly status: number;
  /** The sentence from a `{reason, error_type}` body (every error status but 422). */
  readonly reason: string | undefined;
  /** `error_type` from the body: `InvalidRequest`, `Unauthorized`, `Forbidden`, `Conflict`, ... */
  readonly errorType: string | undefined;
  /** The 422 body's `detail` list: one entry per violated rule, with its `loc` in the body. */
  readonly detail: ValidationError[] | undefined;
  /** The response's `X-Request-Id`, else the one the client sent: quote it when asking about a failure. */
  readonly requestId: string | undefined;
  /** The parsed response body (text when it was not JSON); undefined when empty or without a response. */
  readonly body: unknown;
  /**
   * True when the same request may succeed later (429, 503, network error, timeout). The client
   * has already retried what its budget allowed; wait `retryAfterMs` (when set) before trying again.
   */
  readonly retryable: boolean;
  /** The response's `Retry-After` in ms (429, 503); undefined when it had none. */
  readonly retryAfterMs: number | undefined;

  constructor(init: FeedbackApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.reason = init.reason;
    this.errorType = init.errorType;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.body = init.body;
    this.retryable = init.kind !== 'http' || RETRYABLE_STATUSES.has(init.status);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The error for a response with an error status, given its parsed body. */
  static fromResponse(response: Response, parsedBody: unknown, sentRequestId?: string): FeedbackApiError {
    // openapi-fetch hands over '' for an empty error body.
    const body = parsedBody === '' ? undefined : parsedBody;
    const { reason, errorType, detail } = readErrorBody(body);
    const requestId = response.headers.get('X-Request-Id') ?? sentRequestId;
    const label = errorType ?? (response.statusText || 'HTTP error');
    const explanation = reason ?? summarizeDetail(detail);
    return new FeedbackApiError({
      kind: 'http',
      message: withRequestId(`${response.status} ${label}${explanation ? `: ${explanation}` : ''}`, requestId),
      status: response.status,
      reason,
      errorType,
      detail,
      requestId,
      body,
      retryAfterMs: parseRetryAfterMs(response.headers.get('Retry-After')),
    });
  }

  /** The error for a request that got no response at all. */
  static network(cause: unknown, requestId?: string): FeedbackApiError {
    const why = cause instanceof Error ? cause.message : String(cause);
    return new FeedbackApiError({
      kind: 'network',
      message: withRequestId(`Network error: ${why}`, requestId),
      status: 0,
      requestId,
      cause,
    });
  }

  /** The error for an attempt that got no complete response within `timeoutMs`. */
  static timeout(timeoutMs: number, requestId?: string): FeedbackApiError {
    return new FeedbackApiError({
      kind: 'timeout',
      message: withRequestId(`No response within ${timeoutMs} ms`, requestId),
      status: 0,
      requestId,
    });
  }
}

interface ErrorBodyFields {
  reason: string | undefined;
  errorType: string | undefined;
  detail: ValidationError[] | undefined;
}

// Reads both error shapes of the API ({reason, error_type} and 422's {detail}) defensively:
// a proxy in between may answer with HTML or JSON of its own.
function readErrorBody(body: unknown): ErrorBodyFields {
  if (typeof body !== 'object' || body === null) {
    return { reason: undefined, errorType: undefined, detail: undefined };
  }
  const reason = 'reason' in body && typeof body.reason === 'string' ? body.reason : undefined;
  const errorType = 'error_type' in body && typeof body.error_type === 'string' ? body.error_type : undefined;
  const detail =
    'detail' in body && Array.isArray(body.detail) && body.detail.every(isValidationError) ? body.detail : undefined;
  return { reason, errorType, detail };
}

function isValidationError(value: unknown): value is ValidationError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'loc' in value &&
    Array.isArray(value.loc) &&
    'msg' in value &&
    typeof value.msg === 'string' &&
    'type' in value &&
    typeof value.type === 'string'
  );
}

function summarizeDetail(detail: ValidationError[] | undefined): string | undefined {
  const [first, ...rest] = detail ?? [];
  if (first === undefined) return undefined;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  return `${first.loc.join('.')}: ${first.msg}${more}`;
}

function withRequestId(message: string, requestId: string | undefined): string {
  return requestId === undefined ? message : `${message} [request id ${requestId}]`;
}
