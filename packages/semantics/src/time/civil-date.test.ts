import { describe, expect, it } from 'vitest';
import { civilFromDays, civilToMs, daysFromCivil, daysInMonth, isLeapYear, msToCivil } from './civil-date.js';

describe('daysFromCivil / civilFromDays', () => {
  it('counts days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(2024, 3, 10)).toBe(Date.UTC(2024, 2, 10) / 86_400_000);
  });

  it('agrees with Date across four centuries, both ways', () => {
    const d = new Date(0);
    for (let days = -200_000; days <= 200_000; days += 997) {
      d.setTime(days * 86_400_000);
      const civil = civilFromDays(days);
      expect(civil).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
      expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
    }
  });

  it('handles year 0 and negative years (proleptic Gregorian, year 0 is a leap year)', () => {
    const d = new Date(0);
    d.setUTCFullYear(0, 1, 29);
    expect(daysFromCivil(0, 2, 29)).toBe(d.getTime() / 86_400_000);
    expect(civilFromDays(daysFromCivil(-1, 12, 31) + 1)).toEqual({ year: 0, month: 1, day: 1 });
  });
});

describe('calendar facts', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('civilToMs / msToCivil', () => {
  it('round-trips wall-clock readings with milliseconds, before and after 1970', () => {
    for (const ms of [0, -1, 1_710_046_799_999, -5_364_636_962_123, 253_402_300_799_999]) {
      const civil = msToCivil(ms);
      expect(civilToMs(civil)).toBe(ms);
      expect(civil.millisecond).toBe(((ms % 1000) + 1000) % 1000);
    }
    expect(msToCivil(-1)).toEqual({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999 });
  });
});
