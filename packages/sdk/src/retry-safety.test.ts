import { describe, expect, it } from 'vitest';
import { isRetrySafe } from './retry-safety.js';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer;
const createBody = { project_id: 'acme/bot', weave_ref: 'weave:///acme/bot/call/1', feedback_type: 'custom', payload: {} };

describe('isRetrySafe', () => {
  it('allows the read-only operations', () => {
    expect(isRetrySafe('/feedback/stats', json({ project_id: 'acme/bot' }))).toBe(true);
    expect(isRetrySafe('/feedback/aggregate', json({}))).toBe(true);
    expect(isRetrySafe('/healthz', null)).toBe(true);
    expect(isRetrySafe('/readyz', null)).toBe(true);
  });

  it('refuses create without a client id', () => {
    expect(isRetrySafe('/feedback/create', json(createBody))).toBe(false);
    expect(isRetrySafe('/feedback/create', json({ ...createBody, id: null }))).toBe(false);
    expect(isRetrySafe('/feedback/create', json({ ...createBody, id: '' }))).toBe(false);
    expect(isRetrySafe('/feedback/create', null)).toBe(false);
    expect(isRetrySafe('/feedback/create', new TextEncoder().encode('not json').buffer)).toBe(false);
  });

  it('allows create with a client id, also under a base path', () => {
    expect(isRetrySafe('/feedback/create', json({ ...createBody, id: 'abc' }))).toBe(true);
    expect(isRetrySafe('/api/v1/feedback/create', json({ ...createBody, id: 'abc' }))).toBe(true);
    expect(isRetrySafe('/api/v1/feedback/create', json(createBody))).toBe(false);
  });

  it('allows replace only with a client id, and purge only by ids', () => {
    const replaceBody = { ...createBody, feedback_id: 'old' };
    expect(isRetrySafe('/feedback/replace', json(replaceBody))).toBe(false);
    expect(isRetrySafe('/feedback/replace', json({ ...replaceBody, id: 'new' }))).toBe(true);
    expect(isRetrySafe('/feedback/replace', null)).toBe(false);
    const byIds = { project_id: 'acme/bot', query: { $expr: { $eq: [{ $getField: 'id' }, { $literal: 'a' }] } } };
    expect(isRetrySafe('/feedback/purge', json(byIds))).toBe(true);
    expect(isRetrySafe('/feedback/purge', json({ project_id: 'acme/bot', where: { wb_user_id: 'bob' } }))).toBe(false);
    expect(isRetrySafe('/feedback/purge', new TextEncoder().encode('not json').buffer)).toBe(false);
  });
});
