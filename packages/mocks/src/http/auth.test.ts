import { describe, expect, it } from 'vitest';
import { ApiError } from '@feedback/semantics';
import { assertProjectAccess, authenticator } from './auth.js';

const authenticate = authenticator([
  { key: 'k1', user: 'alice', projects: ['acme/*'] },
  { key: 'k1', user: 'carol', projects: ['*/*'] },
]);
const basic = (userPass: string) => `Basic ${btoa(userPass)}`;

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('authenticator', () => {
  it('resolves api:<key>; a later entry of the same key wins', () => {
    expect(authenticate(basic('api:k1'))).toEqual({ userId: 'carol', projects: ['*/*'], scopes: ['ingest', 'read'] });
    expect(authenticate(`basic   ${btoa('api:k1')}  `).userId).toBe('carol');
  });

  it('gives the "use HTTP Basic" 401 for anything but api:<non-empty key>', () => {
    for (const header of [null, '', 'Bearer k1', basic('alice:k1'), basic('api:'), basic('apik1'), 'Basic !!']) {
      const err = errorOf(() => authenticate(header));
      expect(err.status, String(header)).toBe(401);
      expect(err.message).toBe('Missing or invalid credentials: use HTTP Basic with username "api" and an API key as password');
    }
  });

  it('gives the "unknown API key" 401 for a well-formed unknown key', () => {
    expect(errorOf(() => authenticate(basic('api:k2'))).message).toBe('Missing or invalid credentials: unknown API key');
  });
});

describe('key scopes and expiry', () => {
  it('gives a key its scopes (both by default)', () => {
    const auth = authenticator([
      { key: 'w', user: 'widget', projects: ['acme/*'], scopes: ['ingest'] },
      { key: 'd', user: 'dash', projects: ['acme/*'] },
    ]);
    expect(auth(basic('api:w')).scopes).toEqual(['ingest']);
    expect(auth(basic('api:d')).scopes).toEqual(['ingest', 'read']);
  });

  it('refuses a key from its expiry on, by the given clock, with the expired-key 401', () => {
    let now = Date.parse('2030-01-01T00:00:00Z') - 1;
    const auth = authenticator([{ key: 'e', user: 'eve', projects: ['acme/*'], expiresAt: '2030-01-01T00:00:00Z' }], () => now);
    expect(auth(basic('api:e')).userId).toBe('eve');
    now += 1;
    const err = errorOf(() => auth(basic('api:e')));
    expect(err.status).toBe(401);
    expect(err.message).toBe('Missing or invalid credentials: this API key has expired');
  });
});

describe('assertProjectAccess', () => {
  it('allows granted patterns and refuses others with 403', () => {
    const alice = { userId: 'alice', projects: ['acme/*', 'other/one'], scopes: ['ingest', 'read'] as const };
    expect(() => assertProjectAccess(alice, 'acme/bot')).not.toThrow();
    expect(() => assertProjectAccess(alice, 'other/one')).not.toThrow();
    const err = errorOf(() => assertProjectAccess(alice, 'other/two'));
    expect(err.status).toBe(403);
    expect(err.toBody()).toEqual({ reason: 'This key does not grant access to project other/two', error_type: 'Forbidden' });
  });
});
