// Awaits a call that must fail with the SDK's error type, so a test can assert on status,
// reason and detail instead of on a message.
import { FeedbackApiError } from '@feedback/sdk';

/** The FeedbackApiError `call` rejects with; throws when it resolves or fails some other way. */
export async function rejectionOf(call: Promise<unknown>): Promise<FeedbackApiError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof FeedbackApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail with FeedbackApiError, but it succeeded');
}
