import { FeedbackApiError } from '@feedback/sdk';
import { describe, expect, it } from 'vitest';
import { explainError } from './explain-error.js';

describe('errors in words', () => {
  it('explains a refused key and offers to sign in again', () => {
    const e = explainError({ reason: 'this API key was revoked', error_type: 'Unauthorized' });
    expect(e).toMatchObject({ status: 401, signInAgain: true });
    expect(e.detail).toContain('revoked');
  });

  it('tells a missing scope from a project the key does not grant', () => {
    const scope = explainError({ reason: 'This key lacks the "read" scope that /feedback/stats needs', error_type: 'Forbidden' });
    expect(scope.action).toContain('"read" scope');
    expect(scope.signInAgain).toBe(true);
    const project = explainError({ reason: 'This key does not grant project acme/bot', error_type: 'Forbidden' });
    expect(project.action).toContain('project id');
    expect(project.signInAgain).toBe(false);
  });

  it('asks to wait after a 429', () => {
    expect(explainError({ reason: 'Too many requests; retry in 12 s', error_type: 'RateLimited' })).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('names the first field of a 422', () => {
    const e = explainError({ detail: [{ loc: ['body', 'project_id'], msg: 'String should match pattern', type: 'string_pattern_mismatch' }] });
    expect(e.status).toBe(422);
    expect(e.detail).toBe('body.project_id: String should match pattern');
  });

  it('explains the SDK\'s network errors and timeouts', () => {
    const timeout = new FeedbackApiError({ kind: 'timeout', message: 'no response within 30000 ms', status: 0 });
    expect(explainError(timeout).title).toBe('No answer in time');
    const network = new FeedbackApiError({ kind: 'network', message: 'fetch failed', status: 0 });
    expect(explainError(network).title).toBe('The server could not be reached');
    const limited = new FeedbackApiError({ kind: 'http', message: '429', status: 429, errorType: 'RateLimited', reason: 'slow down' });
    expect(explainError(limited).status).toBe(429);
  });
});
