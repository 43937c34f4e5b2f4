// §0 auth: 401 (with WWW-Authenticate) before anything else, 403 for a scope the key lacks
// (before the body is read), 403 for a project the key does not grant, even when it has data.
import { expect } from 'vitest';
import { basicAuth, KEYS } from '../support/keys.js';
import type { ContractCase } from './contract-case.js';

const STATS = { project_id: 'acme/auth', start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
const UNAUTHORIZED = { status: 401, errorType: 'Unauthorized', headers: { 'www-authenticate': /^Basic\b/i } } as const;

export const authCases: ContractCase[] = [
  {
    name: 'auth: no credentials is a 401 with WWW-Authenticate',
    targets: 'all',
    request: { path: '/feedback/stats', body: STATS, key: null },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: no credentials on aggregate is a 401 too (the seed leaves it public; we do not)',
    targets: 'all',
    request: { path: '/feedback/aggregate', body: { project_id: 'acme/auth', after_ms: 0, before_ms: 1 }, key: null },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: credentials are checked before the body (401, not 422)',
    targets: 'stateful',
    request: { path: '/feedback/create', body: { nonsense: true }, key: null },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: an anonymous body is never read: malformed JSON, a charset or an encoding refused for others, corrupt gzip, all 401',
    targets: 'stateful',
    request: { path: '/feedback/create', rawBody: '{"project_id":', key: null },
    expect: UNAUTHORIZED,
    before: [
      { request: { path: '/feedback/stats', rawBody: '{', authorization: basicAuth('not-a-key-0123456789') }, expect: UNAUTHORIZED },
      { request: { path: '/feedback/stats', body: STATS, key: null, contentType: 'application/json; charset=utf-32' }, expect: UNAUTHORIZED },
      { request: { path: '/feedback/stats', body: STATS, key: null, contentEncoding: 'br' }, expect: UNAUTHORIZED },
      { request: { path: '/feedback/aggregate', bytes: new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), contentEncoding: 'gzip', key: null }, expect: UNAUTHORIZED },
    ],
  },
  {
    name: 'auth: an unknown key is a 401',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: STATS, authorization: basicAuth('not-a-key-0123456789') },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: a known key under another username is a 401',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: STATS, authorization: basicAuth(KEYS.alice.key, 'root') },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: a bearer token is a 401',
    targets: 'stateful',
    request: { path: '/feedback/stats', body: STATS, authorization: `Bearer ${KEYS.alice.key}` },
    expect: UNAUTHORIZED,
  },
  {
    name: 'auth: a project the key does not grant is a 403, whether or not it has data',
    targets: 'stateful',
    seed: [{ project_id: 'acme/auth-secret', weave_ref: 'weave:///acme/auth-secret/call/c1', feedback_type: 'custom', payload: {}, created_at: '2024-06-01T00:30:00Z', wb_user_id: 'alice' }],
    before: [
      { request: { path: '/feedback/stats', body: { ...STATS, project_id: 'acme/auth-empty' }, key: 'bob' }, expect: { status: 403, errorType: 'Forbidden' } },
      { request: { path: '/feedback/aggregate', body: { project_id: 'acme/auth-secret', after_ms: 0, before_ms: 1 }, key: 'bob' }, expect: { status: 403, errorType: 'Forbidden' } },
    ],
    request: { path: '/feedback/stats', body: { ...STATS, project_id: 'acme/auth-secret' }, key: 'bob' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
  {
    name: 'auth: creating in a project the key does not grant is a 403',
    targets: 'stateful',
    request: { path: '/feedback/create', body: { project_id: 'acme/auth-other', weave_ref: 'weave:///acme/auth-other/call/c1', feedback_type: 'custom', payload: {} }, key: 'bob' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
  {
    name: 'auth: an expired key is a 401 saying so, on every endpoint',
    targets: 'stateful',
    before: [
      { request: { path: '/feedback/create', body: { project_id: 'acme/auth', weave_ref: 'weave:///acme/auth/call/c1', feedback_type: 'custom', payload: {} }, key: 'expired' }, expect: UNAUTHORIZED },
      { request: { path: '/feedback/aggregate', body: { project_id: 'acme/auth', after_ms: 0, before_ms: 1 }, key: 'expired' }, expect: UNAUTHORIZED },
    ],
    request: { path: '/feedback/stats', body: STATS, key: 'expired' },
    expect: { ...UNAUTHORIZED, body: { reason: 'Missing or invalid credentials: this API key has expired', error_type: 'Unauthorized' } },
  },
  {
    name: 'scopes: a key with only "ingest" may create',
    targets: 'stateful',
    request: { path: '/feedback/create', body: { project_id: 'acme/scopes', weave_ref: 'weave:///acme/scopes/call/c1', feedback_type: 'custom', payload: {} }, key: 'widget' },
    expect: { status: 200, check: (body) => expect(body).toMatchObject({ wb_user_id: 'widget' }) },
  },
  {
    name: 'scopes: a key with only "ingest" may not read stats or aggregates (403 naming the scope)',
    targets: 'stateful',
    before: [
      {
        request: { path: '/feedback/aggregate', body: { project_id: 'acme/scopes', after_ms: 0, before_ms: 1 }, key: 'widget' },
        expect: { status: 403, body: { reason: 'This key lacks the "read" scope that /feedback/aggregate needs', error_type: 'Forbidden' } },
      },
    ],
    request: { path: '/feedback/stats', body: { ...STATS, project_id: 'acme/scopes' }, key: 'widget' },
    expect: { status: 403, body: { reason: 'This key lacks the "read" scope that /feedback/stats needs', error_type: 'Forbidden' } },
  },
  {
    name: 'scopes: a key with only "read" may read but not create (403 naming the scope)',
    targets: 'stateful',
    before: [
      { request: { path: '/feedback/stats', body: { ...STATS, project_id: 'acme/scopes' }, key: 'dashboard' }, expect: { status: 200 } },
      { request: { path: '/feedback/aggregate', body: { project_id: 'acme/scopes', after_ms: 0, before_ms: 1 }, key: 'dashboard' }, expect: { status: 200 } },
    ],
    request: { path: '/feedback/create', body: { project_id: 'acme/scopes', weave_ref: 'weave:///acme/scopes/call/c1', feedback_type: 'custom', payload: {} }, key: 'dashboard' },
    expect: { status: 403, body: { reason: 'This key lacks the "ingest" scope that /feedback/create needs', error_type: 'Forbidden' } },
  },
  {
    name: 'scopes: a missing scope is refused before the body is looked at (403, not 422)',
    targets: 'stateful',
    before: [{ request: { path: '/feedback/create', body: { nonsense: true }, key: 'dashboard' }, expect: { status: 403, errorType: 'Forbidden' } }],
    request: { path: '/feedback/stats', rawBody: '{"project_id": ', key: 'widget' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
];
