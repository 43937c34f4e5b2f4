import { createFeedbackFake } from '@feedback/mocks';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT, demoRows } from './demo-data.js';

describe('demo data', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const rows = demoRows(now);

  it('is accepted by the fake as seed rows (valid create bodies)', () => {
    const fake = createFeedbackFake({ rows, now });
    expect(fake.rows().length).toBe(rows.length);
  });

  it('covers five weeks before now, with both autumn DST changes and an outage gap', () => {
    const times = rows.map((r) => Date.parse(r.created_at)).sort((a, b) => a - b);
    expect(times[0]).toBeGreaterThanOrEqual(now - 35 * 86_400_000);
    expect(times[times.length - 1]).toBeLessThan(now);
    const outage = times.filter((t) => t >= now - 2 * 86_400_000 - 4.5 * 3_600_000 && t < now - 2 * 86_400_000 - 2.5 * 3_600_000);
    expect(outage).toEqual([]);
    expect(rows.length).toBeGreaterThan(2000);
    expect(new Set(rows.map((r) => r.feedback_type)).size).toBe(4);
    expect(rows.every((r) => r.project_id === DEMO_PROJECT)).toBe(true);
  });

  it('is the same for the same day', () => {
    expect(demoRows(now)).toEqual(rows);
  });
});
