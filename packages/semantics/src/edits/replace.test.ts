import { describe, expect, it } from 'vitest';
import type { FeedbackReplaceReq } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { checkReplaceRequest, planReplace, type ReplaceState } from './replace.js';

const USER = 'alice';
const P = 'acme/bot';
const body = (extra: Partial<FeedbackReplaceReq> = {}): FeedbackReplaceReq => ({
  project_id: P,
  feedback_id: 'old',
  weave_ref: `weave:///${P}/call/c1`,
  feedback_type: 'custom',
  payload: { score: 0.5 },
  ...extra,
});

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

const newId = () => 'generated';

describe('checkReplaceRequest', () => {
  it('gives the row content create would store, and the row to replace', () => {
    const checked = checkReplaceRequest(body({ id: 'new' }), USER);
    expect(checked).toMatchObject({ projectId: P, feedbackId: 'old', prepared: { clientId: 'new', wb_user_id: USER, payload: { score: 0.5 } } });
    expect(checked.prepared).not.toHaveProperty('feedback_id');
  });

  it('applies every create rule to the new body', () => {
    expect(errorOf(() => checkReplaceRequest(body({ feedback_type: 'wandb.note.1', payload: { note: '' } }), USER)).status).toBe(400);
    expect(errorOf(() => checkReplaceRequest(body({ wb_user_id: 'mallory' }), USER)).status).toBe(400);
    expect(errorOf(() => checkReplaceRequest(body({ project_id: 'no-slash' }), USER)).status).toBe(422);
  });

  it('refuses a feedback_id PostgreSQL cannot store (400)', () => {
    expect(errorOf(() => checkReplaceRequest(body({ feedback_id: 'a\u0000b' }), USER)).message).toContain('feedback_id');
  });
});

describe('planReplace', () => {
  const stored = (extra: Partial<FeedbackReplaceReq> = {}) => checkReplaceRequest(body(extra), USER).prepared;
  const plan = (extra: Partial<FeedbackReplaceReq>, state: ReplaceState) => planReplace(checkReplaceRequest(body(extra), USER), state, newId);

  it('writes under a new id when the client names none', () => {
    expect(plan({}, { target: stored({ payload: { score: 0.1 } }), holder: undefined })).toEqual({ kind: 'write', id: 'generated' });
  });

  it('writes under the client id, feedback_id itself included', () => {
    expect(plan({ id: 'new' }, { target: stored({ payload: { score: 0.1 } }), holder: undefined })).toEqual({ kind: 'write', id: 'new' });
    expect(plan({ id: 'old' }, { target: stored({ id: 'old', payload: { score: 0.1 } }), holder: undefined })).toEqual({ kind: 'write', id: 'old' });
  });

  it('is a 404 when feedback_id names no row, with or without a client id', () => {
    expect(errorOf(() => plan({}, { target: undefined, holder: undefined })).code).toBe('not_found');
    expect(errorOf(() => plan({ id: 'new' }, { target: undefined, holder: stored({ id: 'new', payload: { score: 0.9 } }) })).code).toBe('not_found');
  });

  it('answers a retry: the client id already holds exactly this content', () => {
    // Moved: the original is gone, the new row is there.
    expect(plan({ id: 'new' }, { target: undefined, holder: stored({ id: 'new' }) })).toEqual({ kind: 'unchanged', id: 'new', deleteTarget: false });
    // Moved, and the original exists again: it goes, as the first attempt did.
    expect(plan({ id: 'new' }, { target: stored({ payload: { score: 0.1 } }), holder: stored({ id: 'new' }) })).toEqual({ kind: 'unchanged', id: 'new', deleteTarget: true });
    // Kept its id: nothing to do.
    expect(plan({ id: 'old' }, { target: stored({ id: 'old' }), holder: undefined })).toEqual({ kind: 'unchanged', id: 'old', deleteTarget: false });
  });

  it('is a 409 when the client id is another row with other content', () => {
    expect(errorOf(() => plan({ id: 'taken' }, { target: stored({ payload: { score: 0.1 } }), holder: stored({ id: 'taken', payload: { score: 0.2 } }) })).code).toBe('conflict');
  });
});
