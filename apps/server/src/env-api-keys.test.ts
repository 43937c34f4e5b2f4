// FEEDBACK_API_KEYS: keys from the environment, with optional scopes and expiry.
import { describe, expect, it } from 'vitest';
import { readConfig } from './env.js';

const apiKeys = (value: unknown) => readConfig({ FEEDBACK_API_KEYS: JSON.stringify(value) }).apiKeys;
const KEY = { key: 'env-key-0123456789', user: 'u', projects: ['acme/*'] };

describe('FEEDBACK_API_KEYS', () => {
  it('reads scopes (canonical order, once) and an expiry instant', () => {
    expect(apiKeys([{ ...KEY, scopes: ['read', 'ingest', 'read'], expires_at: '2030-01-01T01:00:00+01:00' }])).toEqual([
      { ...KEY, scopes: ['ingest', 'read'], expiresAtMs: Date.parse('2030-01-01T00:00:00Z') },
    ]);
    // Without them: no expiry and the default scopes, ingest and read (left out, so the key store's defaults apply).
    expect(apiKeys([KEY])).toEqual([KEY]);
    // backfill only when named.
    expect(apiKeys([{ ...KEY, scopes: ['backfill', 'ingest'] }])).toEqual([{ ...KEY, scopes: ['ingest', 'backfill'] }]);
  });

  it('stops start-up on bad scopes or a bad expiry, naming the entry', () => {
    for (const scopes of [[], ['admin'], 'ingest', [1]]) {
      expect(() => apiKeys([KEY, { ...KEY, scopes }]), JSON.stringify(scopes)).toThrow('FEEDBACK_API_KEYS[1].scopes must be a non-empty list of ingest, read, backfill');
    }
    for (const expires_at of ['2030-01-01', '2030-01-01T00:00:00', 'tomorrow', 20300101]) {
      expect(() => apiKeys([{ ...KEY, expires_at }]), JSON.stringify(expires_at)).toThrow('FEEDBACK_API_KEYS[0].expires_at must be an RFC 3339 instant');
    }
  });
});

describe('HOST and FEEDBACK_DEV_KEY', () => {
  it('listen on loopback by default; the development-key flag is off unless set', () => {
    expect(readConfig({})).toMatchObject({ host: '127.0.0.1', devKey: false });
    expect(readConfig({ HOST: '0.0.0.0', FEEDBACK_DEV_KEY: 'true' })).toMatchObject({ host: '0.0.0.0', devKey: true });
  });
});
