import { describe, expect, it } from 'vitest';
import { pauseBeforeRetry, type RetryBudget } from './retry-policy.js';

const budget = (overrides: Partial<RetryBudget> = {}): RetryBudget => ({
  mayRepeat: true,
  retryIndex: 0,
  retries: 2,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 2_000,
  ...overrides,
});
const half = () => 0.5;
const now = Date.parse('2024-03-10T12:00:00Z');
const pause = (status: number | undefined, retryAfter: string | null, overrides: Partial<RetryBudget> = {}) =>
  pauseBeforeRetry({ status, retryAfter }, budget(overrides), now, half);

describe('pauseBeforeRetry', () => {
  it('503 and no response: backoff, only when the request may be repeated', () => {
    expect(pause(503, null)).toBe(50);
    expect(pause(undefined, null, { retryIndex: 1 })).toBe(100);
    expect(pause(503, null, { mayRepeat: false })).toBeUndefined();
    expect(pause(undefined, null, { mayRepeat: false })).toBeUndefined();
  });

  it('503 with Retry-After waits that long, capped at retryMaxDelayMs', () => {
    expect(pause(503, '1')).toBe(1_000);
    expect(pause(503, '30')).toBe(2_000);
  });

  it('429 is repeated even for a create without id, never sooner than Retry-After', () => {
    expect(pause(429, '1', { mayRepeat: false })).toBe(1_000);
    expect(pause(429, 'Sun, 10 Mar 2024 12:00:02 GMT')).toBe(2_000);
    expect(pause(429, null, { mayRepeat: false })).toBe(50);
  });

  it('429 whose Retry-After is beyond the budget is handed to the caller', () => {
    expect(pause(429, '3')).toBeUndefined();
    expect(pause(429, '60', { retryMaxDelayMs: 59_000 })).toBeUndefined();
  });

  it('504 QueryTimeout and every other status are final', () => {
    for (const status of [200, 400, 401, 403, 404, 409, 413, 415, 422, 500, 502, 504]) {
      expect(pause(status, '0')).toBeUndefined();
    }
  });

  it('stops when the retries are spent', () => {
    expect(pause(503, null, { retryIndex: 2 })).toBeUndefined();
    expect(pause(429, '0', { retryIndex: 2 })).toBeUndefined();
    expect(pause(undefined, null, { retries: 0 })).toBeUndefined();
  });
});
