// /feedback/batch/create: rows answered in input order; atomic by default (the first bad item
// refuses the batch and nothing is written, read back through aggregate); per item with
// `atomic: false`; client ids as create (retries, conflicts, repeats inside a batch); the limits
// (1,000 items, an 8 MiB body) and the `ingest` scope.
import { expect } from 'vitest';
import type { FeedbackAggregateRes, FeedbackCreateBatchItemError, FeedbackCreateBatchRes, FeedbackCreateReq, FeedbackCreateRes } from '@feedback/api-types';
import { createdWithGeneratedId } from './checks.js';
import type { CaseStep, ContractCase } from './contract-case.js';

const NOW = '2024-06-01T12:00:00.000Z';
const LATER = '2024-06-01T12:05:00.000Z';
const PATH = '/feedback/batch/create';

function note(project: string, text: string, id?: string): FeedbackCreateReq {
  return { project_id: project, weave_ref: `weave:///${project}/call/c1`, feedback_type: 'wandb.note.1', payload: { note: text }, ...(id === undefined ? {} : { id }) };
}

/** A runnable type without its runnable_ref: a 400 by the create rules, fine by the schema. */
function missingRef(project: string): FeedbackCreateReq {
  return { project_id: project, weave_ref: `weave:///${project}/call/c1`, feedback_type: 'wandb.runnable.judge', payload: { output: 1 } };
}

function stored(id: string, payload: Record<string, unknown>, createdAt = NOW): FeedbackCreateRes {
  return { id, created_at: createdAt, wb_user_id: 'alice', payload };
}

/** The project's rows created at NOW, counted by aggregate: what a batch left behind. */
function rowsAtNow(project: string, count: number): CaseStep {
  return {
    request: { path: '/feedback/aggregate', body: { project_id: project, after_ms: Date.parse(NOW), before_ms: Date.parse(LATER) + 1 } },
    expect: { status: 200, check: (body) => expect((body as FeedbackAggregateRes).buckets?.[0]?.total_count, `rows in ${project}`).toBe(count) },
  };
}

function slotError(res: unknown, index: number): FeedbackCreateBatchItemError['error'] {
  const slot = (res as FeedbackCreateBatchRes).res[index];
  expect(slot !== undefined && 'error' in slot, `res[${index}] is an error slot`).toBe(true);
  return (slot as FeedbackCreateBatchItemError).error;
}

function reasonStartsWith(prefix: string) {
  return (body: unknown): void => expect((body as { reason?: string }).reason ?? '').toMatch(new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}`));
}

const ORDER = 'acme/batch-order';
const RETRY = 'acme/batch-retry';
const retryBatch = [note(RETRY, 'first', 'batch-retry-1'), note(RETRY, 'second', 'batch-retry-2')];

export const createBatchCases: ContractCase[] = [
  {
    name: 'batch create: a valid batch is stored and answered in input order',
    targets: 'all',
    now: NOW,
    request: { path: PATH, body: { batch: [note(ORDER, 'one'), note(ORDER, 'two', 'batch-order-2'), { ...note(ORDER, 'three'), feedback_type: 'custom', payload: { n: 3 } }] } },
    expect: {
      status: 200,
      check: (body) => {
        const res = (body as { res: FeedbackCreateRes[] }).res;
        expect(res).toHaveLength(3);
        createdWithGeneratedId({ createdAt: NOW, wbUserId: 'alice', payload: { note: 'one' } })(res[0]);
        expect(res[1]).toEqual(stored('batch-order-2', { note: 'two' }));
        createdWithGeneratedId({ createdAt: NOW, wbUserId: 'alice', payload: { n: 3 } })(res[2]);
        expect(res[0]?.id).not.toBe(res[2]?.id);
      },
    },
  },
  {
    name: 'batch create: the rows count in aggregate at once',
    targets: 'stateful',
    now: NOW,
    before: [{ request: { path: PATH, body: { batch: [note('acme/batch-readback', 'a'), note('acme/batch-readback', 'b')] } }, expect: { status: 200 } }],
    ...rowsAtNow('acme/batch-readback', 2),
  },
  {
    name: 'batch create: an empty batch is answered with no rows',
    targets: 'stateful',
    request: { path: PATH, body: { batch: [] } },
    expect: { status: 200, body: { res: [] } },
  },
  {
    name: "batch create: atomic by default, an item breaking a rule refuses the batch with that item's status and nothing is written",
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: [note('acme/batch-atomic', 'good'), missingRef('acme/batch-atomic'), note('acme/batch-atomic', 'good too')] } },
        expect: { status: 400, errorType: 'InvalidRequest', check: reasonStartsWith('batch[1]: ') },
      },
    ],
    ...rowsAtNow('acme/batch-atomic', 0),
  },
  {
    name: 'batch create: atomic, an item in a project the key does not grant is a 403 and nothing is written',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: [note('acme/batch-forbidden', 'good'), note('beta/batch-forbidden', 'not yours')] } },
        expect: { status: 403, errorType: 'Forbidden', check: reasonStartsWith('batch[1]: ') },
      },
    ],
    ...rowsAtNow('acme/batch-forbidden', 0),
  },
  {
    name: 'batch create: atomic, a client id stored with other content is a 409 and nothing of the batch is written',
    targets: 'stateful',
    now: NOW,
    before: [
      { request: { path: '/feedback/create', body: note('acme/batch-conflict', 'first words', 'batch-conflict-1') }, expect: { status: 200 } },
      {
        request: { path: PATH, body: { batch: [note('acme/batch-conflict', 'new', 'batch-conflict-2'), note('acme/batch-conflict', 'other words', 'batch-conflict-1')] } },
        expect: { status: 409, errorType: 'Conflict', check: reasonStartsWith('batch[1]: ') },
      },
    ],
    // Only the row of the single create: batch-conflict-2 was rolled back with the batch.
    ...rowsAtNow('acme/batch-conflict', 1),
  },
  {
    name: 'batch create: atomic: false writes the good items and answers each bad one in its slot',
    targets: 'stateful',
    now: NOW,
    before: [
      { request: { path: '/feedback/create', body: note('acme/batch-per-item', 'first words', 'batch-per-item-1') }, expect: { status: 200 } },
      { request: { path: '/feedback/create', body: note('acme/batch-per-item', 'third words', 'batch-per-item-3') }, expect: { status: 200 } },
      {
        request: {
          path: PATH,
          body: {
            atomic: false,
            batch: [
              note('acme/batch-per-item', 'good', 'batch-per-item-2'),
              missingRef('acme/batch-per-item'),
              note('beta/batch-per-item', 'not yours'),
              note('acme/batch-per-item', 'other words', 'batch-per-item-1'),
              { ...note('acme/batch-per-item', 'x'), feedback_type: 'custom', payload: { blob: 'x'.repeat(1_048_576) } },
              note('acme/batch-per-item', 'third words', 'batch-per-item-3'),
            ],
          },
        },
        expect: {
          status: 200,
          check: (body) => {
            const res = (body as FeedbackCreateBatchRes).res;
            expect(res).toHaveLength(6);
            expect(res[0]).toEqual(stored('batch-per-item-2', { note: 'good' }));
            expect(slotError(body, 1)).toMatchObject({ status: 400, error_type: 'InvalidRequest' });
            expect(slotError(body, 2)).toMatchObject({ status: 403, error_type: 'Forbidden' });
            expect(slotError(body, 3)).toMatchObject({ status: 409, error_type: 'Conflict' });
            expect(slotError(body, 4)).toMatchObject({ status: 413, error_type: 'PayloadTooLarge' });
            for (const i of [1, 2, 3, 4]) expect(slotError(body, i).reason).toMatch(new RegExp(`^batch\\[${i}\\]: `));
            // The stored row, answered for a retry of the same content.
            expect(res[5]).toEqual(stored('batch-per-item-3', { note: 'third words' }));
          },
        },
      },
    ],
    // The two single creates and batch[0].
    ...rowsAtNow('acme/batch-per-item', 3),
  },
  {
    name: 'batch create: the same batch again (same client ids and content) is answered with the stored rows',
    targets: 'stateful',
    now: NOW,
    before: [{ request: { path: PATH, body: { batch: retryBatch } }, expect: { status: 200 } }],
    requestNow: LATER,
    request: { path: PATH, body: { batch: retryBatch } },
    expect: { status: 200, body: { res: [stored('batch-retry-1', { note: 'first' }), stored('batch-retry-2', { note: 'second' })] } },
  },
  {
    name: 'batch create: a client id twice in one batch with the same content is one row, answered twice',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: [note('acme/batch-repeat', 'same', 'batch-repeat-1'), note('acme/batch-repeat', 'same', 'batch-repeat-1')] } },
        expect: { status: 200, body: { res: [stored('batch-repeat-1', { note: 'same' }), stored('batch-repeat-1', { note: 'same' })] } },
      },
    ],
    ...rowsAtNow('acme/batch-repeat', 1),
  },
  {
    name: 'batch create: a client id twice in one batch with other content is a 409 naming both items',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: [note('acme/batch-twice', 'one', 'batch-twice-1'), note('acme/batch-twice', 'two', 'batch-twice-1')] } },
        expect: {
          status: 409,
          errorType: 'Conflict',
          check: (body) => expect((body as { reason: string }).reason).toMatch(/^batch\[1\]: .*batch\[0\]/),
        },
      },
    ],
    ...rowsAtNow('acme/batch-twice', 0),
  },
  {
    name: 'batch create: more than 1,000 items is a 422',
    targets: 'all',
    request: { path: PATH, body: { batch: Array.from({ length: 1001 }, () => note('acme/batch-size', 'x')) } },
    expect: { status: 422, detail: [{ loc: ['body', 'batch'], type: 'too_long' }] },
  },
  {
    name: 'batch create: an unknown top-level field is a 422 (the extension is the declared `atomic` only)',
    targets: 'all',
    request: { path: PATH, body: { batch: [], mode: 'per_item' } },
    expect: { status: 422, detail: [{ loc: ['body', 'mode'], type: 'extra_forbidden' }] },
  },
  {
    name: 'batch create: a body over 2 MiB is accepted up to the 8 MiB batch limit',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: Array.from({ length: 3 }, (_, i) => ({ ...note('acme/batch-large', 'x'), feedback_type: 'custom', payload: { blob: String(i).repeat(900_000) } })) } },
        expect: { status: 200 },
      },
    ],
    ...rowsAtNow('acme/batch-large', 3),
  },
  {
    name: 'batch create: a body over 8 MiB is a 413',
    targets: 'stateful',
    request: { path: PATH, body: { batch: Array.from({ length: 9 }, () => ({ ...note('acme/batch-too-large', 'x'), feedback_type: 'custom', payload: { blob: 'x'.repeat(1_000_000) } })) } },
    expect: { status: 413, errorType: 'PayloadTooLarge' },
  },
  {
    name: 'batch create: needs the "ingest" scope (a read-only key gets a 403 naming it; an ingest-only key may)',
    targets: 'stateful',
    now: NOW,
    before: [
      {
        request: { path: PATH, body: { batch: [note('acme/batch-scope', 'from the dashboard')] }, key: 'dashboard' },
        expect: { status: 403, body: { reason: 'This key lacks the "ingest" scope that /feedback/batch/create needs', error_type: 'Forbidden' } },
      },
    ],
    request: { path: PATH, body: { batch: [note('acme/batch-scope', 'from the widget')] }, key: 'widget' },
    expect: { status: 200, check: (body) => expect((body as FeedbackCreateBatchRes).res[0]).toMatchObject({ wb_user_id: 'widget', payload: { note: 'from the widget' } }) },
  },
];
