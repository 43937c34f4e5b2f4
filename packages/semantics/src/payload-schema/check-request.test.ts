import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { checkPayloadSchemaRequest, DEFAULT_PAYLOAD_SCHEMA_ROWS } from './check-request.js';

function failure(run: () => unknown): ApiError {
  try {
    run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('checkPayloadSchemaRequest', () => {
  it('resolves defaults: every type, no time bounds, the newest 1,000 rows', () => {
    expect(checkPayloadSchemaRequest({ project_id: 'acme/p', feedback_type: '' })).toEqual({
      projectId: 'acme/p',
      feedbackType: null,
      startMs: null,
      endMs: null,
      maxRows: DEFAULT_PAYLOAD_SCHEMA_ROWS,
    });
  });

  it('resolves the filters', () => {
    const q = checkPayloadSchemaRequest({ project_id: 'acme/p', feedback_type: 't', start: '2024-06-01T00:00:00+02:00', end: '2024-06-02T00:00:00Z', max_rows: 5 });
    expect(q).toEqual({ projectId: 'acme/p', feedbackType: 't', startMs: Date.parse('2024-05-31T22:00:00Z'), endMs: Date.parse('2024-06-02T00:00:00Z'), maxRows: 5 });
  });

  it('refuses end before start (422 at end), and start == end is allowed', () => {
    const err = failure(() => checkPayloadSchemaRequest({ project_id: 'acme/p', start: '2024-06-02T00:00:00Z', end: '2024-06-01T00:00:00Z' }));
    expect(err.status).toBe(422);
    expect(err.detail[0]?.loc).toEqual(['body', 'end']);
    expect(() => checkPayloadSchemaRequest({ project_id: 'acme/p', start: '2024-06-01T00:00:00Z', end: '2024-06-01T00:00:00Z' })).not.toThrow();
  });

  it('refuses max_rows outside 1–10,000 (422)', () => {
    expect(failure(() => checkPayloadSchemaRequest({ project_id: 'acme/p', max_rows: 0 })).detail[0]?.type).toBe('greater_than_equal');
    expect(failure(() => checkPayloadSchemaRequest({ project_id: 'acme/p', max_rows: 10_001 })).detail[0]?.type).toBe('less_than_equal');
  });

  it('refuses a NUL in feedback_type (400)', () => {
    expect(failure(() => checkPayloadSchemaRequest({ project_id: 'acme/p', feedback_type: 'a\u0000' })).status).toBe(400);
  });
});
