// Compile-time guarantees of createBatch: an atomic batch (the default) resolves to rows only; a
// batch that may be per item resolves to rows or error slots, which the caller must tell apart.
import { describe, expectTypeOf, it } from 'vitest';
import type { FeedbackClient, FeedbackCreateBatchItemError, FeedbackCreateBatchRes, FeedbackCreateReq, FeedbackCreateRes } from '../src/index.js';

declare const client: FeedbackClient;
declare const items: FeedbackCreateReq[];
declare const atomic: boolean;

describe('createBatch', () => {
  it('atomic (absent or true): every entry is a row', () => {
    expectTypeOf(client.createBatch({ batch: items })).resolves.toEqualTypeOf<{ res: FeedbackCreateRes[] }>();
    expectTypeOf(client.createBatch({ batch: items, atomic: true })).resolves.toEqualTypeOf<{ res: FeedbackCreateRes[] }>();
  });

  it('atomic: false, or not known: an entry is a row or an error slot', () => {
    expectTypeOf(client.createBatch({ batch: items, atomic: false })).resolves.toEqualTypeOf<FeedbackCreateBatchRes>();
    expectTypeOf(client.createBatch({ batch: items, atomic })).resolves.toEqualTypeOf<FeedbackCreateBatchRes>();
    expectTypeOf<FeedbackCreateBatchRes['res'][number]>().toEqualTypeOf<FeedbackCreateRes | FeedbackCreateBatchItemError>();
  });

  it('rejects a misspelled field in the body', () => {
    // @ts-expect-error: not a field of FeedbackCreateBatchReq
    void client.createBatch({ batch: items, atomik: false });
  });
});
