import { describe, expect, it } from 'vitest';
import type { FeedbackPurgeReq } from '@feedback/api-types';
import { ApiError } from '../errors.js';
import { PURGE_IDS_ONLY, checkPurgeRequest, purgeMatches, type CheckedPurgeRequest } from './purge.js';

const P = 'acme/bot';
const eq = (id: unknown) => ({ $eq: [{ $getField: 'id' }, { $literal: id }] });
const byQuery = (expr: unknown): FeedbackPurgeReq => ({ project_id: P, query: { $expr: expr } }) as FeedbackPurgeReq;

function errorOf(req: FeedbackPurgeReq): ApiError {
  try {
    checkPurgeRequest(req);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('checkPurgeRequest: ids (Weave\'s form)', () => {
  it('takes one $eq on id, or an $or of them (distinct, in order)', () => {
    expect(checkPurgeRequest(byQuery(eq('a')))).toEqual({ projectId: P, kind: 'ids', ids: ['a'] });
    expect(checkPurgeRequest(byQuery({ $or: [eq('b'), eq('a'), eq('b')] }))).toEqual({ projectId: P, kind: 'ids', ids: ['b', 'a'] });
  });

  it.each([
    ['another field', { $eq: [{ $getField: 'wb_user_id' }, { $literal: 'a' }] }],
    ['operands reversed', { $eq: [{ $literal: 'a' }, { $getField: 'id' }] }],
    ['a number literal', eq(1)],
    ['three operands', { $eq: [{ $getField: 'id' }, { $literal: 'a' }, { $literal: 'b' }] }],
    ['$in', { $in: [{ $getField: 'id' }, [{ $literal: 'a' }]] }],
    ['$and', { $and: [eq('a')] }],
    ['an empty $or', { $or: [] }],
    ['an $or with another operation', { $or: [eq('a'), { $not: [eq('b')] }] }],
    ['two operations', { ...eq('a'), $or: [eq('b')] }],
    ['an extra key beside $getField', { $eq: [{ $getField: 'id', $literal: 'x' }, { $literal: 'a' }] }],
  ])('refuses %s with Weave\'s reason (400)', (_name, expr) => {
    const err = errorOf(byQuery(expr));
    expect([err.status, err.message]).toEqual([400, PURGE_IDS_ONLY]);
  });
});

describe('checkPurgeRequest: filter (our extension)', () => {
  it('resolves the conditions given, instants in epoch ms', () => {
    expect(checkPurgeRequest({ project_id: P, where: { created_after: '2024-01-01T01:00:00+01:00', created_before: '2024-02-01T00:00:00Z', feedback_type: 'custom', wb_user_id: 'bob' } })).toEqual({
      projectId: P,
      kind: 'filter',
      createdAfterMs: Date.parse('2024-01-01T00:00:00Z'),
      createdBeforeMs: Date.parse('2024-02-01T00:00:00Z'),
      feedbackType: 'custom',
      wbUserId: 'bob',
    });
  });

  it('needs one condition, a date-time, a range that is not empty (422)', () => {
    expect(errorOf({ project_id: P, where: {} }).detail[0]?.loc).toEqual(['body', 'where']);
    expect(errorOf({ project_id: P, where: { created_before: 'soon' } }).detail[0]?.loc).toEqual(['body', 'where', 'created_before']);
    const empty = errorOf({ project_id: P, where: { created_after: '2024-01-01T00:00:00Z', created_before: '2024-01-01T00:00:00Z' } });
    expect([empty.status, empty.detail[0]?.loc]).toEqual([422, ['body', 'where', 'created_before']]);
  });

  it('takes exactly one of query and where (422)', () => {
    expect(errorOf({ project_id: P }).detail[0]).toMatchObject({ loc: ['body', 'query'], type: 'missing' });
    expect(errorOf({ ...byQuery(eq('a')), where: { wb_user_id: 'bob' } }).detail[0]).toMatchObject({ loc: ['body', 'where'], type: 'extra_forbidden' });
  });

  it('refuses text PostgreSQL cannot store (400)', () => {
    expect(errorOf({ project_id: P, where: { wb_user_id: 'a\u0000' } }).status).toBe(400);
  });
});

describe('purgeMatches', () => {
  const row = { id: 'a', createdAtMs: 1000, feedbackType: 'custom', wbUserId: 'bob' };
  const filter = (extra: Partial<Extract<CheckedPurgeRequest, { kind: 'filter' }>>): CheckedPurgeRequest => ({
    projectId: P, kind: 'filter', createdAfterMs: null, createdBeforeMs: null, feedbackType: null, wbUserId: null, ...extra,
  });

  it('matches ids exactly', () => {
    expect(purgeMatches({ projectId: P, kind: 'ids', ids: ['a'] }, row)).toBe(true);
    expect(purgeMatches({ projectId: P, kind: 'ids', ids: ['A'] }, row)).toBe(false);
  });

  it('takes created_after inclusive and created_before exclusive, and every condition', () => {
    expect(purgeMatches(filter({ createdAfterMs: 1000 }), row)).toBe(true);
    expect(purgeMatches(filter({ createdBeforeMs: 1000 }), row)).toBe(false);
    expect(purgeMatches(filter({ createdBeforeMs: 1001, wbUserId: 'bob', feedbackType: 'custom' }), row)).toBe(true);
    expect(purgeMatches(filter({ createdBeforeMs: 1001, wbUserId: 'alice' }), row)).toBe(false);
  });
});
