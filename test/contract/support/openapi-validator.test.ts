import { describe, expect, it } from 'vitest';
import { declaredStatuses, responseViolations } from './openapi-validator.js';

describe('responseViolations', () => {
  it('accepts a body that matches the response schema of its status', () => {
    expect(responseViolations('post', '/feedback/aggregate', 200, { after_ms: 0, before_ms: 1, time_bucket_seconds: null, buckets: [] })).toEqual([]);
    expect(responseViolations('post', '/feedback/stats', 401, { reason: 'no', error_type: 'Unauthorized' })).toEqual([]);
  });

  it('follows $refs into components and checks formats', () => {
    const bad = { start: '2024-01-01T00:00:00', end: '2024-01-02T00:00:00Z', granularity: 60, timezone: 'UTC', buckets: [{ timestamp: 'x', count: 1, avg_s: {} }] };
    const found = responseViolations('post', '/feedback/stats', 200, bad).join('\n');
    expect(found).toContain('/start must match format "date-time"');
    expect(found).toContain('/buckets/0/timestamp must match format "date-time"');
    expect(found).toContain('/buckets/0/avg_s');
  });

  it('refuses an error body with an unknown error_type or extra key', () => {
    expect(responseViolations('post', '/feedback/create', 409, { reason: 'x', error_type: 'Oops' })).not.toEqual([]);
    expect(responseViolations('post', '/feedback/create', 409, { reason: 'x', error_type: 'Conflict', stack: '' })).not.toEqual([]);
  });

  it('refuses a status the operation does not declare, and a body that is not JSON', () => {
    expect(declaredStatuses('post', '/feedback/stats')).not.toContain('500');
    expect(responseViolations('post', '/feedback/stats', 500, { reason: 'x', error_type: 'InvalidRequest' })[0]).toContain('does not declare status 500');
    expect(responseViolations('post', '/feedback/stats', 404, {})[0]).toContain('does not declare status 404');
    expect(responseViolations('post', '/feedback/stats', 200, undefined)).toEqual(['status 200: the body is not JSON']);
  });
});
