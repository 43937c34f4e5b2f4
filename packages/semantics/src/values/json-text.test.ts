import { describe, expect, it } from 'vitest';
import { jsonScalarText, plainDecimalText } from './json-text.js';

describe('jsonScalarText', () => {
  it('returns strings unchanged, including empty and numeric-looking ones', () => {
    expect(jsonScalarText('abc')).toBe('abc');
    expect(jsonScalarText('')).toBe('');
    expect(jsonScalarText('1e21')).toBe('1e21');
  });

  it('writes booleans as true/false', () => {
    expect(jsonScalarText(true)).toBe('true');
    expect(jsonScalarText(false)).toBe('false');
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-7, '-7'],
    [0.1, '0.1'],
    [123.45, '123.45'],
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [-1.2345e25, '-12345000000000000000000000'],
    [123456789012345680000, '123456789012345680000'],
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [1.2345e-10, '0.00000000012345'],
    [0.000001, '0.000001'],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
  ])('writes the number %s as numeric text %s', (n, text) => {
    expect(jsonScalarText(n)).toBe(text);
  });

  it('gives undefined for null, objects, arrays and non-JSON values', () => {
    expect(jsonScalarText(null)).toBeUndefined();
    expect(jsonScalarText(undefined)).toBeUndefined();
    expect(jsonScalarText({ a: 1 })).toBeUndefined();
    expect(jsonScalarText([1])).toBeUndefined();
    expect(jsonScalarText(Number.NaN)).toBeUndefined();
    expect(jsonScalarText(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('plainDecimalText', () => {
  it('refuses non-finite numbers', () => {
    expect(() => plainDecimalText(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips: the plain text parses back to the same double', () => {
    for (const n of [1e21, 3.14e-15, 9.007199254740993e30, 2.5e-8, 4.94e-320]) {
      expect(Number(plainDecimalText(n))).toBe(n);
      expect(plainDecimalText(n)).not.toMatch(/e/i);
    }
  });
});
