// One HTTP exchange under a deadline. Failures come back as values so the retry loop can decide
// what to do with them; only the caller's own abort is thrown, because it ends the whole call.
import { FeedbackApiError } from './feedback-api-error.js';

export type FetchFunction = (request: Request) => Promise<Response>;

export type AttemptOutcome =
  | { response: Response; failure?: undefined }
  | { response?: undefined; failure: FeedbackApiError };

export interface AttemptSettings {
  timeoutMs: number;
  /** The caller's signal: aborting it rejects with its reason, never with a FeedbackApiError. */
  callerSignal: AbortSignal;
  requestId: string;
}

/**
 * Sends the request `buildRequest` makes for this attempt's signal and waits for the whole
 * response, body included, at most `timeoutMs`.
 */
export async function timedAttempt(
  fetch: FetchFunction,
  buildRequest: (signal: AbortSignal) => Request,
  { timeoutMs, callerSignal, requestId }: AttemptSettings,
): Promise<AttemptOutcome> {
  callerSignal.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forwardAbort = (): void => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', forwardAbort, { once: true });
  try {
    // Racing the signal, not only passing it, keeps the deadline even with a custom fetch that
    // ignores `request.signal`.
    const response = await untilAborted(fetch(buildRequest(controller.signal)), controller.signal);
    // Read a copy of the body inside the deadline: a server that sends headers and then stalls
    // must time out too, and a body cut off halfway is a network failure that may be retried.
    // The original keeps its (now buffered) body for openapi-fetch to parse.
    await untilAborted(response.clone().arrayBuffer(), controller.signal);
    return { response };
  } catch (cause) {
    if (callerSignal.aborted) throw callerSignal.reason;
    if (timedOut) return { failure: FeedbackApiError.timeout(timeoutMs, requestId) };
    return { failure: FeedbackApiError.network(cause, requestId) };
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener('abort', forwardAbort);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
