import { describe, expect, it } from 'vitest';
import type { FeedbackCreateBatchItem, FeedbackCreateBatchReq, FeedbackCreateReq } from '@feedback/api-types';
import { openapiSpec } from '@feedback/api-types/spec';
import { ApiError } from '../errors.js';
import { checkCreateRequest } from './create.js';
import { assembleCreateBatchResponse, checkCreateBatchRequest, MAX_BATCH_ITEMS, type BatchWriteOutcome, type CheckedCreateBatch } from './create-batch.js';

const CALLER = { userId: 'alice', projects: ['acme/*'], scopes: ['ingest', 'read'] as const };
const BACKFILLER = { ...CALLER, scopes: ['ingest', 'backfill'] as const };
const NOW = Date.parse('2024-06-01T12:00:00Z');
const P = 'acme/bot';

const note = (text: string, extra: Partial<FeedbackCreateReq> = {}): FeedbackCreateReq => ({
  project_id: P,
  weave_ref: `weave:///${P}/call/c1`,
  feedback_type: 'wandb.note.1',
  payload: { note: text },
  ...extra,
});
const missingRef: FeedbackCreateReq = { project_id: P, weave_ref: `weave:///${P}/call/c1`, feedback_type: 'wandb.runnable.judge', payload: { output: 1 } };

let counter = 0;
const newId = (): string => `gen-${++counter}`;
const check = (body: FeedbackCreateBatchReq): CheckedCreateBatch => checkCreateBatchRequest(body, CALLER, NOW, newId);
const allNew = (): BatchWriteOutcome => ({ inserted: true });
const backfill = (body: FeedbackCreateBatchReq): CheckedCreateBatch => checkCreateBatchRequest(body, BACKFILLER, NOW, newId);
const dated = (text: string, createdAt: string, extra: Partial<FeedbackCreateReq> = {}): FeedbackCreateBatchItem => ({ ...note(text, extra), created_at: createdAt });

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('checkCreateBatchRequest', () => {
  it('checks every item as create does and gives ids to items without one, in input order', () => {
    const checked = check({ batch: [note('a'), note('b', { id: 'mine' }), note('c')] });
    expect(checked.atomic).toBe(true);
    expect(checked.writes.map((w) => [w.index, w.prepared.payload])).toEqual([[0, { note: 'a' }], [1, { note: 'b' }], [2, { note: 'c' }]]);
    expect(checked.writes[1]?.id).toBe('mine');
    expect(checked.writes[0]?.id).not.toBe(checked.writes[2]?.id);
    expect(checked.writes[0]?.prepared).toEqual(checkCreateRequest(note('a'), 'alice'));
  });

  it('atomic: the first bad item throws its own status, named by its place', () => {
    const err = thrown(() => check({ batch: [note('ok'), missingRef, note('x', { project_id: 'beta/bot', weave_ref: 'weave:///beta/bot/call/c1' })] }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^batch\[1\]: /);
    expect(thrown(() => check({ batch: [note('x', { project_id: 'beta/bot' })] })).status).toBe(403);
    expect(thrown(() => check({ batch: [note('ok'), { ...note('x'), feedback_type: 'custom', payload: { blob: 'x'.repeat(1_048_576) } }] })).status).toBe(413);
  });

  it('a 422 of an item is located under body.batch[index]', () => {
    const err = thrown(() => check({ batch: [note('ok'), note('x', { span_status_code: 'MAYBE' as NonNullable<FeedbackCreateReq['span_status_code']> })] }));
    expect(err.status).toBe(422);
    expect(err.detail.map((d) => d.loc)).toEqual([['body', 'batch', 1, 'span_status_code']]);
  });

  it('per item: each bad item keeps its error in its slot, the good ones are written', () => {
    const checked = check({ atomic: false, batch: [note('ok'), missingRef, note('x', { project_id: 'beta/bot' })] });
    expect(checked.writes).toHaveLength(1);
    const res = assembleCreateBatchResponse(checked, allNew).res;
    expect(res[0]).toMatchObject({ payload: { note: 'ok' }, wb_user_id: 'alice', created_at: '2024-06-01T12:00:00.000Z' });
    expect(res[1]).toMatchObject({ error: { status: 400, error_type: 'InvalidRequest' } });
    expect(res[2]).toMatchObject({ error: { status: 403, error_type: 'Forbidden', reason: 'batch[2]: This key does not grant access to project beta/bot' } });
  });

  it('a client id twice: the same content is one write answered twice; other content is a 409 naming the first', () => {
    const same = check({ batch: [note('a', { id: 'd' }), note('a', { id: 'd' })] });
    expect(same.writes).toHaveLength(1);
    const res = assembleCreateBatchResponse(same, allNew).res;
    expect(res[1]).toEqual(res[0]);
    const err = thrown(() => check({ batch: [note('a', { id: 'd' }), note('b', { id: 'd' })] }));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/^batch\[1\]: .*batch\[0\]/);
    // The same id in another project is another row.
    expect(check({ batch: [note('a', { id: 'd' }), note('b', { id: 'd', project_id: 'acme/other' })] }).writes).toHaveLength(2);
  });

  it("MAX_BATCH_ITEMS is the spec's maxItems", () => {
    const batchSchema = openapiSpec.components.schemas.FeedbackCreateBatchReq.properties.batch as { maxItems?: number };
    expect(batchSchema.maxItems).toBe(MAX_BATCH_ITEMS);
  });

  it('more than MAX_BATCH_ITEMS items is a 422 on the list', () => {
    const err = thrown(() => check({ batch: Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => note('a')) }));
    expect(err.status).toBe(422);
    expect(err.detail[0]).toMatchObject({ loc: ['body', 'batch'], type: 'too_long' });
  });
});

describe('backdated rows (created_at)', () => {
  it('a key with backfill stores each dated item at its instant, the others at the batch instant', () => {
    const checked = backfill({ batch: [dated('a', '2024-03-10T01:30:00.250-05:00'), note('b')] });
    expect(checked.writes.map((w) => [w.createdAtMs, w.backdated])).toEqual([[Date.parse('2024-03-10T06:30:00.250Z'), true], [NOW, false]]);
    expect(checked.writes[0]?.prepared).toEqual(checkCreateRequest(note('a'), 'alice'));
    expect(assembleCreateBatchResponse(checked, allNew).res.map((r) => ('created_at' in r ? r.created_at : null))).toEqual([
      '2024-03-10T06:30:00.250Z',
      '2024-06-01T12:00:00.000Z',
    ]);
  });

  it('without the backfill scope a dated item is a 403 naming the scope, before its content is checked', () => {
    const err = thrown(() => check({ batch: [note('ok'), { ...missingRef, created_at: '2024-03-10T00:00:00Z' }] }));
    expect(err.status).toBe(403);
    expect(err.message).toBe('batch[1]: This key lacks the "backfill" scope that a created_at in /feedback/batch/create needs');
    // Undated items need no such scope.
    expect(check({ batch: [note('a')] }).writes).toHaveLength(1);
  });

  it('a created_at before 2000, further than 5 minutes ahead, or not a date-time is a 422 at its place', () => {
    for (const bad of ['1999-12-31T23:59:59.999Z', new Date(NOW + 5 * 60_000 + 1).toISOString(), '2024-02-30T00:00:00Z', 'yesterday']) {
      const err = thrown(() => backfill({ batch: [note('ok'), dated('x', bad)] }));
      expect(err.status).toBe(422);
      expect(err.detail.map((d) => d.loc)).toEqual([['body', 'batch', 1, 'created_at']]);
    }
    // A client clock a little ahead is fine.
    expect(backfill({ batch: [dated('x', new Date(NOW + 5 * 60_000).toISOString())] }).writes[0]?.createdAtMs).toBe(NOW + 5 * 60_000);
  });

  it('generated ids take the row instant; a client id twice with another created_at is a 409', () => {
    const at: number[] = [];
    checkCreateBatchRequest({ batch: [dated('a', '2024-03-10T06:30:00Z')] }, BACKFILLER, NOW, (ms) => {
      at.push(ms);
      return 'g';
    });
    expect(at).toEqual([Date.parse('2024-03-10T06:30:00Z')]);
    expect(backfill({ batch: [dated('a', '2024-03-10T06:30:00Z', { id: 'd' }), dated('a', '2024-03-10T01:30:00-05:00', { id: 'd' })] }).writes).toHaveLength(1);
    expect(thrown(() => backfill({ batch: [dated('a', '2024-03-10T06:30:00Z', { id: 'd' }), dated('a', '2024-03-10T06:30:01Z', { id: 'd' })] })).status).toBe(409);
    expect(thrown(() => backfill({ batch: [dated('a', '2024-03-10T06:30:00Z', { id: 'd' }), note('a', { id: 'd' })] })).status).toBe(409);
  });

  it('a stored row met by a dated retry: the same instant is a safe retry, another is a 409', () => {
    const stored = { prepared: checkCreateRequest(note('a', { id: 'k' }), 'alice'), createdAtMs: Date.parse('2024-03-10T06:30:00Z') };
    const outcome = (): BatchWriteOutcome => ({ inserted: false, stored });
    expect(assembleCreateBatchResponse(backfill({ batch: [dated('a', '2024-03-10T06:30:00.000Z', { id: 'k' })] }), outcome).res[0]).toMatchObject({
      id: 'k',
      created_at: '2024-03-10T06:30:00.000Z',
    });
    const res = assembleCreateBatchResponse(backfill({ atomic: false, batch: [dated('a', '2024-03-11T06:30:00Z', { id: 'k' })] }), outcome).res;
    expect(res[0]).toMatchObject({ error: { status: 409, error_type: 'Conflict' } });
  });
});

describe('assembleCreateBatchResponse', () => {
  it('a stored id with the same content is answered with the stored row', () => {
    const checked = check({ batch: [note('a', { id: 'k' })] });
    const stored = { prepared: checkCreateRequest(note('a', { id: 'k' }), 'alice'), createdAtMs: NOW - 60_000 };
    expect(assembleCreateBatchResponse(checked, () => ({ inserted: false, stored })).res).toEqual([
      { id: 'k', created_at: '2024-06-01T11:59:00.000Z', wb_user_id: 'alice', payload: { note: 'a' } },
    ]);
  });

  it('a stored id with other content: atomic throws the 409, per item answers it in the slot', () => {
    const stored = { prepared: checkCreateRequest(note('other', { id: 'k' }), 'alice'), createdAtMs: NOW };
    const outcome = (): BatchWriteOutcome => ({ inserted: false, stored });
    const err = thrown(() => assembleCreateBatchResponse(check({ batch: [note('x'), note('a', { id: 'k' })] }), (w) => (w.id === 'k' ? outcome() : allNew())));
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/^batch\[1\]: Feedback id k already exists/);
    const res = assembleCreateBatchResponse(check({ atomic: false, batch: [note('a', { id: 'k' })] }), outcome).res;
    expect(res[0]).toMatchObject({ error: { status: 409, error_type: 'Conflict' } });
  });

  it('an id taken but no longer stored is a 503 for the whole batch', () => {
    const checked = check({ atomic: false, batch: [note('a', { id: 'k' })] });
    expect(thrown(() => assembleCreateBatchResponse(checked, () => ({ inserted: false, stored: undefined }))).status).toBe(503);
  });

  it('an empty batch is answered with no rows', () => {
    expect(assembleCreateBatchResponse(check({ batch: [] }), allNew)).toEqual({ res: [] });
  });
});
