// /feedback/query on the fake through the SDK: paging with the keyset cursor visits every row once,
// in order, even while rows are written between pages; offset paging does not.
import { describe, expect, it } from 'vitest';
import type { FeedbackSeedRow } from '../src/index.js';
import { client, useFake } from './fake-server.js';

const T0 = Date.parse('2024-06-01T00:00:00Z');
const fake = useFake({ now: T0 + 10_000_000 });

function rows(n: number, startMs: number): FeedbackSeedRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r-${String(startMs + i).padStart(14, '0')}`,
    project_id: 'acme/paging',
    weave_ref: 'weave:///acme/paging/call/c',
    feedback_type: 'custom',
    payload: { i, even: i % 2 === 0 },
    // Two rows per millisecond: the id breaks the tie.
    created_at: new Date(startMs + Math.floor(i / 2)).toISOString(),
    wb_user_id: 'alice',
  }));
}

describe('query through the SDK', () => {
  it('queryAll pages through every row once, in order, following next_cursor', async () => {
    fake.seed(rows(2_500, T0));
    const c = client();
    const pages: number[] = [];
    for await (const page of c.queryPages({ project_id: 'acme/paging', fields: ['id'], limit: 1_000 })) pages.push(page.length);
    expect(pages).toEqual([1_000, 1_000, 500]);
    const ids: string[] = [];
    for await (const row of c.queryAll({ project_id: 'acme/paging', fields: ['id'], limit: 700 })) ids.push(row['id'] as string);
    expect(ids).toEqual(rows(2_500, T0).map((r) => r.id));
  });

  it('filters and sorts on payload paths across pages', async () => {
    fake.seed(rows(50, T0));
    const c = client();
    const seen: number[] = [];
    const body = {
      project_id: 'acme/paging',
      fields: ['payload.i'],
      query: { $expr: { $eq: [{ $getField: 'payload.even' }, { $literal: true }] } },
      sort_by: [{ field: 'payload.i', direction: 'desc' as const }],
      limit: 7,
    };
    for await (const row of c.queryAll(body)) seen.push(row['payload.i'] as number);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, k) => 48 - 2 * k));
  });

  it('rows written between pages neither repeat nor shift the pages that follow (descending created_at)', async () => {
    fake.seed(rows(30, T0));
    const c = client();
    const seen: string[] = [];
    let written = false;
    for await (const page of c.queryPages({ project_id: 'acme/paging', fields: ['id'], limit: 10, sort_by: [{ field: 'created_at', direction: 'desc' }] })) {
      seen.push(...page.map((r) => r['id'] as string));
      if (!written) {
        // Newer rows land before the cursor's position: the next pages are not shifted by them.
        fake.seed(rows(5, T0 + 1_000));
        written = true;
      }
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });
});
