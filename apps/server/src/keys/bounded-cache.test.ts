import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its size; a read counts as a use', () => {
    const c = new BoundedCache<number>(2);
    c.set('a', 1, 100);
    c.set('b', 2, 100);
    expect(c.get('a', 0)).toBe(1);
    c.set('c', 3, 100);
    expect(c.get('b', 0)).toBeUndefined();
    expect(c.get('a', 0)).toBe(1);
    expect(c.get('c', 0)).toBe(3);
    expect(c.size).toBe(2);
  });

  it('forgets an entry at its time to live', () => {
    const c = new BoundedCache<string>(5);
    c.set('k', 'v', 10);
    expect(c.get('k', 9)).toBe('v');
    expect(c.get('k', 10)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('deletes by predicate', () => {
    const c = new BoundedCache<{ id: string }>(5);
    c.set('x', { id: 'a' }, 100);
    c.set('y', { id: 'b' }, 100);
    c.deleteWhere((v) => v.id === 'a');
    expect(c.get('x', 0)).toBeUndefined();
    expect(c.get('y', 0)).toEqual({ id: 'b' });
  });
});
