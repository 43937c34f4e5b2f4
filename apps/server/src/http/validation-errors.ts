// Turns express-openapi-validator's errors into the API's error bodies: request-schema failures
// become FastAPI-style 422s (through the mapping the fake uses too); the rest keep their meaning.
import { ApiError, pathSegments, toValidationDetail, type SchemaFailure } from '@feedback/semantics';

interface ValidatorErrorItem {
  path: string;
  message: string;
  errorCode?: string;
}

interface ValidatorHttpError {
  status: number;
  message: string;
  errors?: ValidatorErrorItem[];
}

export function isValidatorError(err: unknown): err is ValidatorHttpError {
  return typeof err === 'object' && err !== null && 'status' in err && Array.isArray((err as { errors?: unknown }).errors);
}

function toFailure(item: ValidatorErrorItem): SchemaFailure {
  const segments = pathSegments(item.path);
  return {
    path: segments[0] === 'body' ? segments.slice(1) : segments,
    keyword: (item.errorCode ?? '').replace(/\.openapi\.validation$/, ''),
    message: item.message,
  };
}

/** Undefined for a response that broke the contract: that is our bug (500), not the client's. */
export function fromValidatorError(err: ValidatorHttpError): ApiError | undefined {
  if (err.status >= 500) return undefined;
  switch (err.status) {
    case 400:
      return new ApiError('validation', 'The request body does not match the schema', toValidationDetail((err.errors ?? []).map(toFailure)));
    case 404:
    case 405:
      return new ApiError('not_found', 'No such endpoint');
    case 413:
      return new ApiError('payload_too_large', 'The request body is too large');
    case 415:
      return new ApiError('unsupported_media_type', 'Send the body as application/json');
    default:
      return new ApiError('invalid_request', err.message);
  }
}
