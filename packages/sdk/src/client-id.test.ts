import { afterEach, describe, expect, it, vi } from 'vitest';
import { newClientId } from './client-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newClientId', () => {
  it('is a UUIDv7 carrying the given milliseconds', () => {
    const at = Date.parse('2024-03-10T14:03:27.512Z');
    const id = newClientId(at);
    expect(id).toMatch(UUID_V7);
    expect(millisOf(id)).toBe(at);
  });

  it('sorts by creation time and differs within one millisecond', () => {
    const earlier = newClientId(1_700_000_000_000);
    const later = newClientId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(newClientId(5)).not.toBe(newClientId(5));
  });

  it('still works without Web Crypto', () => {
    vi.stubGlobal('crypto', undefined);
    const id = newClientId();
    expect(id).toMatch(UUID_V7);
    expect(newClientId()).not.toBe(id);
  });
});
