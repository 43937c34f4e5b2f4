import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertScopeGranted, isKeyExpired, parseKeyScopes } from './key-rules.js';

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('assertScopeGranted', () => {
  it('lets create through with ingest and the reads through with read', () => {
    expect(() => assertScopeGranted(['ingest'], 'create')).not.toThrow();
    expect(() => assertScopeGranted(['read'], 'stats')).not.toThrow();
    expect(() => assertScopeGranted(['read'], 'aggregate')).not.toThrow();
    expect(() => assertScopeGranted(['ingest', 'read'], 'create')).not.toThrow();
  });

  it('answers 403 naming the missing scope', () => {
    const err = errorOf(() => assertScopeGranted(['ingest'], 'stats'));
    expect(err.status).toBe(403);
    expect(err.toBody()).toEqual({ reason: 'This key lacks the "read" scope that /feedback/stats needs', error_type: 'Forbidden' });
    expect(errorOf(() => assertScopeGranted(['read'], 'create')).message).toContain('"ingest"');
    expect(errorOf(() => assertScopeGranted([], 'aggregate')).status).toBe(403);
  });

  it('lets replace through with ingest, and purge only with ingest and read', () => {
    expect(() => assertScopeGranted(['ingest'], 'replace')).not.toThrow();
    expect(() => assertScopeGranted(['ingest', 'read'], 'purge')).not.toThrow();
    expect(errorOf(() => assertScopeGranted(['ingest'], 'purge')).message).toBe('This key lacks the "read" scope that /feedback/purge needs');
    expect(errorOf(() => assertScopeGranted(['read'], 'purge')).message).toBe('This key lacks the "ingest" scope that /feedback/purge needs');
  });
});

describe('parseKeyScopes', () => {
  it('keeps known scopes once, in canonical order', () => {
    expect(parseKeyScopes(['read', 'ingest', 'read'])).toEqual(['ingest', 'read']);
    expect(parseKeyScopes(['ingest'])).toEqual(['ingest']);
  });

  it('refuses an empty list and unknown names', () => {
    expect(parseKeyScopes([])).toBeUndefined();
    expect(parseKeyScopes(['ingest', 'admin'])).toBeUndefined();
    expect(parseKeyScopes(['Read'])).toBeUndefined();
  });
});

describe('isKeyExpired', () => {
  it('is expired from the instant of expiry on; never without one', () => {
    expect(isKeyExpired(null, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(isKeyExpired(1000, 999)).toBe(false);
    expect(isKeyExpired(1000, 1000)).toBe(true);
  });
});
