import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './order.js';

describe('compareCodePoints', () => {
  it('orders ASCII like byte order (uppercase before lowercase)', () => {
    expect(compareCodePoints('B', 'a')).toBeLessThan(0);
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('b', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('same', 'same')).toBe(0);
  });

  it('puts a proper prefix first', () => {
    expect(compareCodePoints('', 'a')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
  });

  it('orders an astral character after U+FFFD (UTF-16 order would say the opposite)', () => {
    const astral = '\u{1F600}'; // 😀, stored as D83D DE00
    const replacement = '\uFFFD';
    expect(astral < replacement).toBe(true); // the JS default this function corrects
    expect(compareCodePoints(astral, replacement)).toBeGreaterThan(0);
    expect(compareCodePoints(replacement, astral)).toBeLessThan(0);
    expect(compareCodePoints('\uE000', '\u{10000}')).toBeLessThan(0);
  });

  it('orders two astral characters by code point', () => {
    expect(compareCodePoints('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(compareCodePoints('\u{20000}', '\u{1F600}')).toBeGreaterThan(0);
  });

  it('sorts a list the way UTF-8 byte order does', () => {
    const list = ['\uFFFD', 'z', '\u{1F44D}', 'A', '\u00E9', '\uD7FF', '\uE000', ''];
    const byBytes = [...list].sort((p, q) => {
      const a = new TextEncoder().encode(p);
      const b = new TextEncoder().encode(q);
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
      }
      return a.length - b.length;
    });
    expect([...list].sort(compareCodePoints)).toEqual(byBytes);
  });
});
