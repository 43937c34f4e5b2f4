// Assertions for the read endpoints' error answers: a call that must fail is awaited and its
// SDK error checked for the status and body shape the semantics require.
import { FeedbackApiError } from '@feedback/sdk';
import { expect } from 'vitest';

async function failureOf(call: Promise<unknown>): Promise<FeedbackApiError> {
  let result: unknown;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof FeedbackApiError) return err;
    throw err;
  }
  throw new Error(`expected the call to fail, it returned ${JSON.stringify(result)}`);
}

/** A 422 whose `detail` names `field` in some `loc` (each `loc` starting at `body`). */
export async function expect422(call: Promise<unknown>, field: string): Promise<void> {
  const err = await failureOf(call);
  expect(err.status, err.message).toBe(422);
  const locs = (err.detail ?? []).map((d) => d.loc);
  expect(locs.length).toBeGreaterThan(0);
  for (const loc of locs) expect(loc[0]).toBe('body');
  expect(locs.some((loc) => loc.includes(field)), JSON.stringify(locs)).toBe(true);
}

/** A 400 InvalidRequest with a non-empty reason. */
export async function expect400(call: Promise<unknown>): Promise<FeedbackApiError> {
  const err = await failureOf(call);
  expect(err.status, err.message).toBe(400);
  expect(err.errorType).toBe('InvalidRequest');
  expect(err.reason ?? '').not.toBe('');
  return err;
}

/** The HTTP status of a call that must fail. */
export async function apiErrorStatus(call: Promise<unknown>): Promise<number> {
  return (await failureOf(call)).status;
}
