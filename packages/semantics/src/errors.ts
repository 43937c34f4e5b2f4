// The one error type of the API. Rules anywhere (shared rules, server, fakes) throw ApiError;
// one mapping turns it into a status and a body, so every target answers alike.
import type { ErrorResponse, HTTPValidationError, ValidationError } from '@feedback/api-types';

export type ErrorCode =
  | 'validation'
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'query_timeout';

const STATUS: Record<ErrorCode, number> = {
  validation: 422,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  query_timeout: 504,
};

const ERROR_TYPE: Record<Exclude<ErrorCode, 'validation'>, ErrorResponse['error_type']> = {
  invalid_request: 'InvalidRequest',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'NotFound',
  conflict: 'Conflict',
  payload_too_large: 'PayloadTooLarge',
  unsupported_media_type: 'UnsupportedMediaType',
  rate_limited: 'RateLimited',
  unavailable: 'ServiceUnavailable',
  query_timeout: 'QueryTimeout',
};

export type Loc = (string | number)[];

export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Only for `validation`: the FastAPI-style entries of the 422 body. */
  readonly detail: ValidationError[];

  constructor(code: ErrorCode, message: string, detail: ValidationError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
  }

  get status(): number {
    return STATUS[this.code];
  }

  /** The response body: HTTPValidationError for 422, `{reason, error_type}` otherwise. */
  toBody(): HTTPValidationError | ErrorResponse {
    if (this.code === 'validation') {
      return { detail: this.detail.length > 0 ? this.detail : [{ loc: ['body'], msg: this.message, type: 'value_error' }] };
    }
    return { reason: this.message, error_type: ERROR_TYPE[this.code] };
  }
}

/** A 422 for one field, shaped like FastAPI's: loc starts with "body". */
export function validationError(loc: Loc, msg: string, type = 'value_error'): ApiError {
  return new ApiError('validation', msg, [{ loc: ['body', ...loc], msg, type }]);
}

/** A 400: the body is well-formed but breaks a rule. */
export function invalidRequest(reason: string): ApiError {
  return new ApiError('invalid_request', reason);
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
