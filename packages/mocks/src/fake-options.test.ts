import { describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, resolveFakeOptions } from './fake-options.js';

describe('resolveFakeOptions', () => {
  it('defaults to localhost:8080, the test key and the real clock', () => {
    const opts = resolveFakeOptions();
    expect(opts.baseUrl).toBe('http://localhost:8080');
    expect(opts.apiKeys).toEqual([{ key: 'test-key', user: 'test-user', projects: ['*/*'] }]);
    expect(DEFAULT_API_KEY.key).toBe('test-key');
    expect(Math.abs(opts.now() - Date.now())).toBeLessThan(1000);
  });

  it('drops trailing slashes of baseUrl and keeps a path prefix', () => {
    expect(resolveFakeOptions({ baseUrl: 'https://api.test/v1//' }).baseUrl).toBe('https://api.test/v1');
  });

  it('takes a fixed now or a clock function, in whole milliseconds', () => {
    expect(resolveFakeOptions({ now: 1700000000000.9 }).now()).toBe(1700000000000);
    let t = 5.5;
    const opts = resolveFakeOptions({ now: () => t });
    t = 7.2;
    expect(opts.now()).toBe(7);
  });

  it('refuses bad options at once', () => {
    expect(() => resolveFakeOptions({ baseUrl: '/relative' })).toThrow('baseUrl must be an absolute http(s) URL');
    expect(() => resolveFakeOptions({ now: Number.NaN })).toThrow('now must be epoch milliseconds');
    expect(() => resolveFakeOptions({ apiKeys: [{ key: '', user: 'u', projects: [] }] })).toThrow('apiKeys[0] needs key');
    const key = { key: 'k', user: 'u', projects: ['acme/*'] };
    expect(() => resolveFakeOptions({ apiKeys: [{ ...key, scopes: [] }] })).toThrow('apiKeys[0].scopes must be');
    // A scope name from outside the typed list, as plain JavaScript could pass it.
    expect(() => resolveFakeOptions({ apiKeys: [JSON.parse('{"key":"k","user":"u","projects":[],"scopes":["admin"]}') as typeof key] })).toThrow('apiKeys[0].scopes must be');
    expect(() => resolveFakeOptions({ apiKeys: [{ ...key, expiresAt: '2030-01-01T00:00:00' }] })).toThrow('apiKeys[0].expiresAt must be');
    expect(resolveFakeOptions({ apiKeys: [{ ...key, scopes: ['ingest'], expiresAt: '2030-01-01T00:00:00Z' }] }).apiKeys).toEqual([
      { ...key, scopes: ['ingest'], expiresAt: '2030-01-01T00:00:00Z' },
    ]);
  });
});
