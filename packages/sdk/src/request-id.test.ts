import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRequestId } from './request-id.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newRequestId', () => {
  it('is a UUID when crypto.randomUUID exists', () => {
    expect(newRequestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('differs between calls', () => {
    expect(newRequestId()).not.toBe(newRequestId());
  });

  it('falls back to 32 random hex digits without randomUUID', () => {
    const getRandomValues = vi.fn(<T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.fill(0xab);
      return array;
    });
    vi.stubGlobal('crypto', { getRandomValues });
    expect(newRequestId()).toBe('ab'.repeat(16));
    expect(getRandomValues).toHaveBeenCalledOnce();
  });

  it('falls back to Math.random without any crypto', () => {
    vi.stubGlobal('crypto', undefined);
    const id = newRequestId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestId()).not.toBe(id);
  });
});
