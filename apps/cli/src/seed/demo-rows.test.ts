import { describe, expect, it } from 'vitest';
import { demoRow, demoRowId } from './demo-rows.js';
import { demoTimes } from './timeline.js';

describe('demo rows', () => {
  it('are a function of (project, seed, index): the same key gives the same row and id', () => {
    const key = { project: 'acme/demo', seed: 1, index: 42 };
    expect(demoRow(key)).toEqual(demoRow({ ...key }));
    expect(demoRow(key).id).toBe(demoRowId(key));
    expect(demoRowId(key)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoRowId({ ...key, seed: 2 })).not.toBe(demoRowId(key));
    expect(demoRowId({ ...key, project: 'acme/other' })).not.toBe(demoRowId(key));
  });
  it('mix the feedback types, and keep ratings within 0–1', () => {
    const rows = Array.from({ length: 1000 }, (_, index) => demoRow({ project: 'acme/demo', seed: 7, index }));
    const share = (type: string) => rows.filter((r) => r.feedback_type === type).length / rows.length;
    expect(share('wandb.runnable.helpfulness')).toBeGreaterThan(0.25);
    expect(share('wandb.note.1')).toBeGreaterThan(0.02);
    expect(share('eval.run')).toBeGreaterThan(0.02);
    for (const r of rows) for (const v of Object.values(r.scorer_ratings ?? {})) expect(v >= 0 && v <= 1).toBe(true);
    // Every row belongs to its project: refs point into it.
    for (const r of rows) expect(r.weave_ref.startsWith('weave:///acme/demo/')).toBe(true);
  }, 30_000);
});

describe('demo times', () => {
  it('are in order, inside the window, and busier in local afternoons than at night', () => {
    const start = Date.parse('2024-03-04T05:00:00Z');
    const end = Date.parse('2024-03-11T04:00:00Z');
    const times = demoTimes(5000, start, end, 'America/New_York', 1);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(start);
    expect(times.at(-1)).toBeLessThan(end);
    const hourFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
    const localHour = (ms: number) => Number(hourFormat.format(ms));
    const afternoon = times.filter((t) => localHour(t) >= 13 && localHour(t) < 17).length;
    const night = times.filter((t) => localHour(t) >= 1 && localHour(t) < 5).length;
    expect(afternoon).toBeGreaterThan(night * 3);
  }, 30_000);
});
