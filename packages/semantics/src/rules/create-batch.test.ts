import { describe, expect, it } from 'vitest';
import type { FeedbackCreateBatchReq, FeedbackCreateReq } from '@feedback/api-types';
import { openapiSpec } from '@feedback/api-types/spec';
import { ApiError } from '../errors.js';
import { checkCreateRequest } from './create.js';
import { assembleCreateBatchResponse, checkCreateBatchRequest, MAX_BATCH_ITEMS, type BatchWriteOutcome, type CheckedCreateBatch } from './create-batch.js';

const CALLER = { userId: 'alice', projects: ['acme/*'] };
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
