import { describe, expect, it } from 'vitest';
import { parseInstant, resolveWindow } from './time-window.js';
import { offsetChanges, offsetMinutes, zonedToInstant } from './zoned-time.js';

const NY = 'America/New_York';

describe('parseInstant', () => {
  it('keeps an explicit offset and reads a time without one in the zone', () => {
    expect(parseInstant('2024-03-10T14:00:00Z', NY, 0)).toBe(Date.parse('2024-03-10T14:00:00Z'));
    expect(parseInstant('2024-03-09', NY, 0)).toBe(Date.parse('2024-03-09T05:00:00Z'));
    expect(parseInstant('2024-03-11 09:30', NY, 0)).toBe(Date.parse('2024-03-11T13:30:00Z'));
    expect(parseInstant('now', NY, 42)).toBe(42);
  });
  it('refuses what is no time', () => {
    expect(() => parseInstant('2024-02-30', NY, 0)).toThrow(/is not a time/);
    expect(() => parseInstant('yesterday', NY, 0)).toThrow(/is not a time/);
  });
});

describe('resolveWindow', () => {
  it('ends now by default and refuses an empty window', () => {
    expect(resolveWindow({ since: '2h' }, 'UTC', 10_000_000, 0)).toEqual({ startMs: 10_000_000 - 7_200_000, endMs: 10_000_000 });
    expect(resolveWindow({}, 'UTC', 10_000_000, 1000)).toEqual({ startMs: 9_999_000, endMs: 10_000_000 });
    expect(() => resolveWindow({ from: '2024-01-02', to: '2024-01-01' }, 'UTC', 0, 0)).toThrow(/empty/);
  });
});

describe('zoned time', () => {
  it('finds New York’s spring-forward to the minute, and its offsets either side', () => {
    const changes = offsetChanges(NY, Date.parse('2024-03-09T00:00:00Z'), Date.parse('2024-03-12T00:00:00Z'));
    expect(changes).toEqual([{ atMs: Date.parse('2024-03-10T07:00:00Z'), fromMinutes: -300, toMinutes: -240 }]);
    expect(offsetMinutes(NY, Date.parse('2024-07-01T00:00:00Z'))).toBe(-240);
    expect(offsetChanges('UTC', 0, 86_400_000 * 40)).toEqual([]);
  }, 30_000);
  it('turns a local wall time into its instant on both sides of a change', () => {
    expect(zonedToInstant(NY, Date.UTC(2024, 2, 9, 12))).toBe(Date.parse('2024-03-09T17:00:00Z'));
    expect(zonedToInstant(NY, Date.UTC(2024, 2, 11, 12))).toBe(Date.parse('2024-03-11T16:00:00Z'));
  });
});
