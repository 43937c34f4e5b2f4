import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { MAX_STATS_RANGE_MS, resolveStatsWindow, type StatsWindowRequest } from './stats-window.js';

const at = (iso: string): number => Date.parse(iso);
const NOW = at('2024-06-01T12:00:00.123Z');

function failure(req: StatsWindowRequest, nowMs = NOW): ApiError {
  try {
    resolveStatsWindow(req, nowMs);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('the request was accepted');
}

describe('resolveStatsWindow', () => {
  it('resolves start, end, granularity and zone', () => {
    expect(
      resolveStatsWindow(
        { start: '2024-03-10T00:00:00-05:00', end: '2024-03-11T00:00:00-04:00', granularity: 3600, timezone: 'America/New_York' },
        NOW,
      ),
    ).toEqual({
      startMs: at('2024-03-10T05:00:00Z'),
      endMs: at('2024-03-11T04:00:00Z'),
      granularity: 3600,
      timeZone: 'America/New_York',
      sqlTimeZone: 'America/New_York',
    });
  });

  it('defaults end to now, granularity to auto and the zone to UTC', () => {
    expect(resolveStatsWindow({ start: '2024-06-01T11:00:00Z' }, NOW)).toEqual({
      startMs: at('2024-06-01T11:00:00Z'),
      endMs: NOW,
      granularity: 300,
      timeZone: 'UTC',
      sqlTimeZone: 'UTC',
    });
    expect(resolveStatsWindow({ start: '2024-06-01T11:00:00Z', end: null, granularity: null }, NOW).endMs).toBe(NOW);
  });

  it('keeps milliseconds and cuts finer fractions toward the earlier millisecond', () => {
    const window = resolveStatsWindow({ start: '2024-06-01T11:00:00.123999Z', end: '2024-06-01T11:00:00.5Z' }, NOW);
    expect(window.startMs).toBe(at('2024-06-01T11:00:00.123Z'));
    expect(window.endMs).toBe(at('2024-06-01T11:00:00.500Z'));
  });

  it('allows exactly 31 days and refuses 31 days + 1 ms with a 422 on end', () => {
    expect(MAX_STATS_RANGE_MS).toBe(31 * 86_400_000);
    const ok = resolveStatsWindow({ start: '2024-01-01T00:00:00Z', end: '2024-02-01T00:00:00Z', granularity: 60 }, NOW);
    expect(ok.endMs - ok.startMs).toBe(MAX_STATS_RANGE_MS);
    expect(ok.granularity).toBe(268); // capped at 10,000 buckets

    const err = failure({ start: '2024-01-01T00:00:00Z', end: '2024-02-01T00:00:00.001Z' });
    expect(err.status).toBe(422);
    expect(err.detail).toEqual([{ loc: ['body', 'end'], msg: 'end must be at most 31 days after start', type: 'value_error' }]);
  });

  it('refuses end before start with a 422 on end, but allows end equal to start', () => {
    const err = failure({ start: '2024-01-02T00:00:00Z', end: '2024-01-01T23:59:59.999Z' });
    expect(err.status).toBe(422);
    expect(err.detail).toEqual([{ loc: ['body', 'end'], msg: 'end must not be before start', type: 'value_error' }]);
    // A start in the future with end defaulting to now is the same mistake.
    expect(failure({ start: '2024-06-01T12:00:01Z' }).detail[0]?.loc).toEqual(['body', 'end']);
    const empty = resolveStatsWindow({ start: '2024-01-01T00:00:00Z', end: '2024-01-01T00:00:00Z' }, NOW);
    expect(empty.endMs - empty.startMs).toBe(0);
  });

  it('refuses unparseable date-times with a 422 on the field', () => {
    expect(failure({ start: '2024-01-01' }).detail[0]?.loc).toEqual(['body', 'start']);
    expect(failure({ start: '2024-01-01T00:00:00' }).detail[0]?.loc).toEqual(['body', 'start']);
    expect(failure({ start: '2024-01-01T00:00:00Z', end: 'tomorrow' }).detail[0]).toMatchObject({
      loc: ['body', 'end'],
      type: 'datetime_parsing',
    });
    expect(failure({ start: '2024-01-01T00:00:00Z', end: 'tomorrow' }).status).toBe(422);
  });

  it('refuses a negative granularity with a 422', () => {
    const err = failure({ start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z', granularity: -60 });
    expect(err.status).toBe(422);
    expect(err.detail[0]?.loc).toEqual(['body', 'granularity']);
  });

  it('refuses an unknown zone with a 400, offsets included', () => {
    for (const timezone of ['Mars/Olympus_Mons', '+05:00', 'UTC+3', '']) {
      const err = failure({ start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z', timezone });
      expect(err.status).toBe(400);
      expect(err.toBody()).toEqual({ reason: `Unknown time zone: ${timezone}`, error_type: 'InvalidRequest' });
    }
  });

  it('reports 422s before the zone check', () => {
    expect(failure({ start: '2024-01-02T00:00:00Z', end: '2024-01-01T00:00:00Z', timezone: 'Nowhere/Else' }).status).toBe(422);
    expect(failure({ start: 'x', timezone: 'Nowhere/Else' }).status).toBe(422);
    expect(failure({ start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z', granularity: -1, timezone: '+05:00' }).status).toBe(422);
  });

  it('echoes the zone as requested and gives SQL a name that means the same', () => {
    const window = resolveStatsWindow({ start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z', timezone: 'america/new_york' }, NOW);
    expect(window.timeZone).toBe('america/new_york');
    expect(window.sqlTimeZone).toBe('America/New_York');
  });
});
