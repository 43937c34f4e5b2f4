import { describe, expect, it } from 'vitest';
import { clientDefaults, resolveClientOptions } from './client-options.js';

const base = { baseUrl: 'http://api.test', apiKey: 'k' };

describe('resolveClientOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveClientOptions(base);
    expect(resolved).toMatchObject({ ...clientDefaults, headers: {} });
    expect(clientDefaults).toEqual({ timeoutMs: 10_000, retries: 2, retryBaseDelayMs: 100, retryMaxDelayMs: 2_000 });
  });

  it('looks globalThis.fetch up at call time, not at creation', async () => {
    const resolved = resolveClientOptions(base);
    const original = globalThis.fetch;
    const replacement = async () => new Response('late');
    globalThis.fetch = replacement;
    try {
      const response = await resolved.fetch(new Request('http://api.test/healthz'));
      expect(await response.text()).toBe('late');
    } finally {
      globalThis.fetch = original;
    }
  });

  it('rejects missing credentials and nonsense numbers', () => {
    expect(() => resolveClientOptions({ ...base, baseUrl: '' })).toThrow(TypeError);
    expect(() => resolveClientOptions({ ...base, apiKey: '' })).toThrow(TypeError);
    expect(() => resolveClientOptions({ ...base, timeoutMs: 0 })).toThrow(RangeError);
    expect(() => resolveClientOptions({ ...base, timeoutMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => resolveClientOptions({ ...base, retries: -1 })).toThrow(RangeError);
    expect(() => resolveClientOptions({ ...base, retries: 1.5 })).toThrow(RangeError);
    expect(() => resolveClientOptions({ ...base, retryBaseDelayMs: Number.NaN })).toThrow(RangeError);
  });

  it('accepts zero retries and zero delays', () => {
    expect(resolveClientOptions({ ...base, retries: 0, retryBaseDelayMs: 0, retryMaxDelayMs: 0 })).toMatchObject({
      retries: 0,
      retryBaseDelayMs: 0,
      retryMaxDelayMs: 0,
    });
  });
});
