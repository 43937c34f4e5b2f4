import { describe, expect, it } from 'vitest';
import { bucketLabel, timeZoneChoices, toLocalInputValue, tooltipTime } from './time-labels.js';

describe('local-time labels', () => {
  const instant = Date.parse('2024-03-10T07:30:00Z');

  it('reads the same instant as wall-clock time in the chosen zone', () => {
    expect(bucketLabel(instant, 'UTC')).toBe('2024-03-10 07:30');
    expect(bucketLabel(instant, 'America/New_York')).toBe('2024-03-10 03:30');
    expect(bucketLabel(instant, 'Asia/Kolkata')).toBe('2024-03-10 13:00');
    expect(bucketLabel(Date.parse('2024-03-10T00:00:00Z'), 'Pacific/Kiritimati')).toBe('2024-03-10 14:00');
  });

  it('names the offset in tooltips, so the repeated hour of a fall-back change is unambiguous', () => {
    const first = Date.parse('2024-11-03T05:30:00Z');
    const second = Date.parse('2024-11-03T06:30:00Z');
    expect(tooltipTime(first, 'America/New_York')).toBe('2024-11-03 01:30 GMT-4');
    expect(tooltipTime(second, 'America/New_York')).toBe('2024-11-03 01:30 GMT-5');
  });

  it('uses midnight as 00, never 24', () => {
    expect(bucketLabel(Date.parse('2024-03-10T05:00:00Z'), 'America/New_York')).toBe('2024-03-10 00:00');
  });

  it('fills a datetime-local field', () => {
    expect(toLocalInputValue(instant, 'Europe/Berlin')).toBe('2024-03-10T08:30');
  });

  it('offers every zone the runtime knows, current names too, and only usable ones', () => {
    const zones = timeZoneChoices('Etc/GMT+5', 'Mars/Olympus');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('America/New_York');
    expect(zones).toContain('Asia/Kolkata');
    expect(zones).toContain('Etc/GMT+5');
    expect(zones).not.toContain('Mars/Olympus');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
