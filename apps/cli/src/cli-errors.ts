// What a failed command prints: one line on stderr, and the exit code that goes with it.
import { FeedbackApiError } from '@feedback/sdk';
import { EXIT, type ExitCode } from './exit-codes.js';

/** A wrong command line: printed with a pointer to --help, exit 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the command has already explained (e.g. import listed its rejected lines). */
export class ReportedFailure extends Error {
  override name = 'ReportedFailure';
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
  }
}

/**
 * The one line an API error gets: status and error type, the server's reason, and the request
 * id to quote when asking about it (the server logs it).
 */
export function apiErrorLine(err: FeedbackApiError): string {
  const where = err.requestId === undefined ? '' : ` (request id ${err.requestId})`;
  if (err.kind === 'network') return `no answer from the API: ${causeText(err.cause)}${where}`;
  if (err.kind === 'timeout') return `${err.message.replace(/ \[request id [^\]]*\]$/, '')}${where}`;
  const label = err.errorType ?? statusText(err.status);
  const first = err.detail?.[0];
  const reason = err.reason ?? (first === undefined ? undefined : `${first.loc.join('.')}: ${first.msg}`);
  return `${err.status} ${label}${reason === undefined ? '' : `: ${oneLine(reason)}`}${where}`;
}

export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof ReportedFailure) return err.exitCode;
  return EXIT.failure;
}

/** The message for any error a command threw, in one line. */
export function errorLine(err: unknown): string {
  if (err instanceof FeedbackApiError) return apiErrorLine(err);
  if (err instanceof Error) return oneLine(err.message);
  return oneLine(String(err));
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) {
    // Node's fetch says "fetch failed" and keeps the useful part (ECONNREFUSED …) in its cause.
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

function statusText(status: number): string {
  const names: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return names[status] ?? 'HTTP error';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
