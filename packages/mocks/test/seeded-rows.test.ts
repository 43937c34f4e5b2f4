// Rows given up front with their own created_at, a pinned clock, and the helpers that inspect
// and reset the fake's state.
import { describe, expect, it } from 'vitest';
import type { FeedbackCreateReq } from '@feedback/sdk';
import { createFeedbackFake, type FeedbackSeedRow } from '../src/index.js';
import { client, useFake } from './fake-server.js';

const judged = (score: number): FeedbackCreateReq => ({
  project_id: 'acme/bot',
  weave_ref: 'weave:///acme/bot/call/c1',
  feedback_type: 'wandb.runnable.judge',
  runnable_ref: 'weave:///acme/bot/object/judge:v1',
  payload: { output: { score } },
});

const seed = (createdAt: string, score: number, extra: Partial<FeedbackSeedRow> = {}): FeedbackSeedRow => ({
  ...judged(score),
  created_at: createdAt,
  wb_user_id: 'importer',
  ...extra,
});

const SEEDS = [
  seed('2024-03-01T00:00:00Z', 0.2, { id: 'seed-a' }),
  seed('2024-03-01T01:30:00+01:00', 0.4),
  seed('2024-03-01T23:59:59.999Z', 0.9),
  seed('2024-03-02T00:00:00Z', 1),
];
const NOW = Date.parse('2024-03-02T12:00:00Z');
const fake = useFake({ rows: SEEDS, now: () => NOW });

describe('seed rows', () => {
  it('count at their own created_at', async () => {
    const stats = await client().stats({
      project_id: 'acme/bot',
      start: '2024-03-01T00:00:00Z',
      granularity: 86400,
      metrics: [{ json_path: 'output.score', aggregations: ['count', 'sum', 'max'] }],
    });
    // No `end`: the pinned now closes the window.
    expect(stats.end).toBe('2024-03-02T12:00:00.000Z');
    expect(stats.buckets).toEqual([
      { timestamp: '2024-03-01T00:00:00Z', count_output_score: 3, sum_output_score: 1.5, max_output_score: 0.9, count: 3 },
      { timestamp: '2024-03-02T00:00:00Z', count_output_score: 1, sum_output_score: 1, max_output_score: 1, count: 1 },
    ]);
  });

  it('keep their id, user and instant; rows() hands out copies', () => {
    const rows = fake.rows();
    expect(rows.map((r) => [r.created_at, r.wb_user_id])).toEqual([
      ['2024-03-01T00:00:00.000Z', 'importer'],
      ['2024-03-01T00:30:00.000Z', 'importer'],
      ['2024-03-01T23:59:59.999Z', 'importer'],
      ['2024-03-02T00:00:00.000Z', 'importer'],
    ]);
    expect(rows[0]?.id).toBe('seed-a');
    // An id made from the seed's created_at, not from the clock.
    expect(parseInt((rows[1]?.id ?? '').replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2024-03-01T00:30:00Z'));
    (rows[0]?.payload as { output: { score: number } }).output.score = 99;
    expect(fake.rows()[0]?.payload).toEqual({ output: { score: 0.2 } });
  });

  it('reset() drops what the tests wrote and restores the seeds', async () => {
    const created = await client().create(judged(0));
    expect(created.created_at).toBe('2024-03-02T12:00:00.000Z');
    expect(fake.rows()).toHaveLength(5);
    const ids = fake.rows().map((r) => r.id).slice(0, 4);
    fake.reset();
    expect(fake.rows().map((r) => r.id)).toEqual(ids);
  });

  it('seed() adds rows later; an existing project/id is kept, as the importer does', () => {
    fake.seed([seed('2024-03-02T01:00:00Z', 0.5, { id: 'seed-b' }), seed('2024-03-05T00:00:00Z', 0.7, { id: 'seed-a' })]);
    const rows = fake.rows();
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.id === 'seed-a')?.created_at).toBe('2024-03-01T00:00:00.000Z');
  });

  it('rows() output is accepted back as seed rows', () => {
    const copy = createFeedbackFake({ rows: fake.rows() });
    expect(copy.rows()).toEqual(fake.rows());
  });
});

describe('bad seed rows', () => {
  it('throw at once, naming the row and the reason', () => {
    expect(() => createFeedbackFake({ rows: [SEEDS[0] as FeedbackSeedRow, seed('2024-03-01', 0)] })).toThrow(
      'createFeedbackFake: rows[1] was refused: created_at must be an ISO 8601 date-time with an offset',
    );
    expect(() => createFeedbackFake({ rows: [seed('2024-03-01T00:00:00Z', 0, { wb_user_id: '' })] })).toThrow(
      'rows[0] was refused: wb_user_id must be a non-empty string',
    );
    expect(() => createFeedbackFake({ rows: [{ ...seed('2024-03-01T00:00:00Z', 0), project_id: 'nope' }] })).toThrow(
      'rows[0] was refused: body.project_id: must match pattern "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$"',
    );
    expect(() => createFeedbackFake({ rows: [seed('2024-03-01T00:00:00Z', 0, { runnable_ref: null })] })).toThrow(
      'rows[0] was refused: runnable_ref is required',
    );
  });

  it('are refused by seed() too', () => {
    expect(() => fake.seed([seed('yesterday', 0)])).toThrow('createFeedbackFake: seed(rows)[0] was refused');
  });
});
