// Reusable `check` functions for cases whose bodies hold server-chosen values (generated ids).
import { expect } from 'vitest';
import type { FeedbackCreateRes } from '@feedback/api-types';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A create answer with a generated UUIDv7 id, `created_at` = the clock, and the stored payload. */
export function createdWithGeneratedId(expected: { createdAt: string; wbUserId: string; payload: Record<string, unknown> }) {
  return (body: unknown): void => {
    const res = body as FeedbackCreateRes;
    expect(res.id).toMatch(UUID_V7);
    // The id's first 48 bits are its creation time in ms.
    expect(parseInt(res.id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse(expected.createdAt));
    expect(Date.parse(res.created_at)).toBe(Date.parse(expected.createdAt));
    expect(res.wb_user_id).toBe(expected.wbUserId);
    expect(res.payload).toEqual(expected.payload);
  };
}
