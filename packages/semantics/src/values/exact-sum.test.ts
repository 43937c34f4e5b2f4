import { describe, expect, it } from 'vitest';
import { ExactSum, exactSum } from './exact-sum.js';

// An independent oracle. The values summed are the decimals the database holds (each double's
// shortest round-trip text), in fixed point at 10^-400 (every such text has fewer than 400
// decimals). A double's exact value is a whole number of 2^-1074 units. The rounded sum must be
// at least as close to the exact decimal sum as both of its neighbouring doubles; distances are
// compared as |S·2^1074 − U·10^400|.
const DECIMALS = 400;

function fixedPoint(x: number): bigint {
  const [coefficient = '', exp = '0'] = String(x).split('e');
  const [whole = '', fraction = ''] = coefficient.split('.');
  return BigInt(whole + fraction) * 10n ** BigInt(DECIMALS + Number(exp) - fraction.length);
}

function exactUnits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const biased = (bits >> 52n) & 0x7ffn;
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0n ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0n ? -1074n : biased - 1075n;
  return sign * (mantissa << (exponent + 1074n));
}

function neighbour(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + ((x > 0) === up ? 1n : -1n));
  return view.getFloat64(0);
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

function assertNearest(values: readonly number[]): void {
  const exact = values.reduce((s, v) => s + fixedPoint(v), 0n) << 1074n;
  const distanceTo = (d: number): bigint => abs(exact - exactUnits(d) * 10n ** BigInt(DECIMALS));
  const rounded = exactSum(values);
  expect(Number.isFinite(rounded)).toBe(true);
  for (const up of [true, false]) {
    const other = neighbour(rounded, up);
    if (Number.isFinite(other)) expect(distanceTo(rounded) <= distanceTo(other)).toBe(true);
  }
}

// A small seeded generator (xorshift) of doubles across magnitudes, so the test is reproducible.
function doubles(seed: number, count: number): number[] {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const magnitude = Math.floor(next() * 40) - 20;
    const value = (next() - 0.5) * 10 ** magnitude;
    return next() < 0.2 ? Math.round(value * 1000) / 1000 : value;
  });
}

describe('exactSum', () => {
  it('is the exact decimal sum rounded once', () => {
    expect(exactSum([0.1, 0.2])).toBe(0.3);
    expect(0.1 + 0.2).not.toBe(0.3); // what a float running sum gives
    expect(exactSum([1e16, 1, 1])).toBe(1e16 + 2); // a running sum loses both ones
    expect(exactSum([])).toBe(0);
    expect(exactSum([5e-324, -5e-324])).toBe(0);
    expect(Object.is(exactSum([-0]), 0)).toBe(true);
  });

  it('does not depend on the order of the values', () => {
    const values = doubles(7, 200);
    const forward = exactSum(values);
    expect(exactSum([...values].reverse())).toBe(forward);
    expect(exactSum([...values].sort((a, b) => a - b))).toBe(forward);
  });

  it('rounds the exact decimal sum to the nearest double (checked in exact arithmetic)', () => {
    for (let seed = 1; seed <= 40; seed += 1) assertNearest(doubles(seed, 1 + (seed % 25)));
    assertNearest([Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324]);
    assertNearest([2 ** 53, 1]); // a tie: to even
    assertNearest([2 ** 53, 1, 2 ** -60]); // just above the tie: up
  });

  it('leaves the float range only when the rounded sum does', () => {
    expect(exactSum([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Infinity);
    expect(exactSum([-Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(-Infinity);
    expect(exactSum([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE])).toBe(Number.MAX_VALUE);
    // Just past the largest double but below the rounding midpoint to 2^1024: still finite.
    expect(new ExactSum().add(Number.MAX_VALUE).addDecimal('1e291').toNumber()).toBe(Number.MAX_VALUE);
  });

  it('adds PostgreSQL numeric text and JS number text alike', () => {
    const sum = new ExactSum().addDecimal('12.500').addDecimal('-0.0001').add(1e21).addDecimal('+3');
    expect(sum.toNumber()).toBe(1e21 + 15.4999);
    expect(new ExactSum().addDecimal('1.25').addDecimal('-1.25').toDecimal()).toBe('0');
    expect(() => new ExactSum().addDecimal('NaN')).toThrow(RangeError);
    expect(() => new ExactSum().add(Infinity)).toThrow(RangeError);
  });
});
