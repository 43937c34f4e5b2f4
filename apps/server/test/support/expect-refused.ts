// The common assertion of the create rules: a call refused with a given status, nothing stored.
import { expect } from 'vitest';
import type { FeedbackApiError } from '@feedback/sdk';
import type { Queryable } from '../../src/storage/db.js';
import { rejectionOf } from './api-error.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'InvalidRequest',
  403: 'Forbidden',
  409: 'Conflict',
  413: 'PayloadTooLarge',
};

export async function feedbackCount(db: Queryable): Promise<number> {
  const res = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
  return res.rows[0]?.n ?? -1;
}

/**
 * Asserts `call` fails with `status` (422: a `detail` list; otherwise `{reason, error_type}`)
 * and that the feedback table has as many rows afterwards as before.
 */
export async function expectRefused(db: Queryable, call: () => Promise<unknown>, status: number): Promise<FeedbackApiError> {
  const before = await feedbackCount(db);
  const err = await rejectionOf(call());
  if (status === 422) {
    expect({ status: err.status, detail: err.detail }).toMatchObject({ status: 422, detail: expect.any(Array) });
  } else {
    expect({ status: err.status, errorType: err.errorType, reason: err.reason }).toEqual({
      status,
      errorType: ERROR_TYPES[status] ?? expect.any(String),
      reason: expect.any(String),
    });
  }
  expect(await feedbackCount(db)).toBe(before);
  return err;
}
