// /feedback/query: Weave's expression over columns and payload paths (every operator, typed
// comparisons, $convert), fields, sort_by, limit/offset, the keyset cursor (our extension), and
// the refusals: unknown operator or field (400), bounds (422/400), scope and project (403).
import { encodeCursor, resolveSort, type SortKey } from '@feedback/semantics';
import type { SeedRow } from '../targets/seed-row.js';
import type { CaseExpect, ContractCase } from './contract-case.js';

const Q = 'acme/query';
const T0 = Date.parse('2024-07-01T00:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

function row(id: string, minute: number, extra: Partial<SeedRow>): SeedRow {
  return { id, project_id: Q, weave_ref: `weave:///${Q}/call/c-${id}`, feedback_type: 'note.score', payload: {}, created_at: at(minute), wb_user_id: 'alice', ...extra };
}

const seed: SeedRow[] = [
  row('q-01', 1, { payload: { output: { score: 0.9, label: 'Good' }, n: 1 }, creator: 'Ann' }),
  row('q-02', 2, { payload: { output: { score: 0.4, label: 'bad' }, n: '7' } }),
  row('q-03', 3, { feedback_type: 'note.other', payload: { output: { score: '0.95' }, flag: true } }),
  row('q-04', 4, {
    feedback_type: 'wandb.runnable.judge',
    runnable_ref: `weave:///${Q}/object/judge:v1`,
    payload: { output: { score: 0.7, label: 'good' } },
    scorer_tags: ['Helpful', 'long'],
    scorer_ratings: { _rating_: 0.7 },
  }),
  row('q-05', 5, { payload: { output: { label: null }, list: [1, 2] } }),
  // Another project's row matches every filter below and must never appear.
  { ...row('q-06', 0, { payload: { output: { score: 0.9, label: 'good' }, n: 1 }, creator: 'Ann' }), project_id: 'acme/query-other', weave_ref: 'weave:///acme/query-other/call/c-q-06' },
];

const field = (name: string) => ({ $getField: name });
const lit = (value: unknown) => ({ $literal: value });
const ids = (...list: string[]): CaseExpect => ({ status: 200, body: { result: list.map((id) => ({ id })), next_cursor: null } });

/** A query for the ids of the rows `expr` selects, in the default order. */
function selects(name: string, expr: unknown, expected: string[]): ContractCase {
  return { name: `query: ${name}`, targets: 'stateful', seed, request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], query: { $expr: expr } } }, expect: ids(...expected) };
}

function refused(name: string, body: Record<string, unknown>, reason: RegExp | string): ContractCase {
  const expect: CaseExpect = typeof reason === 'string'
    ? { status: 400, body: { reason, error_type: 'InvalidRequest' } }
    : { status: 400, errorType: 'InvalidRequest', check: (b) => { if (!reason.test((b as { reason: string }).reason)) throw new Error(`reason ${(b as { reason: string }).reason} does not match ${String(reason)}`); } };
  return { name: `query: ${name}`, targets: 'stateful', seed, request: { path: '/feedback/query', body: { project_id: Q, ...body } }, expect };
}

const DEFAULT_SORT = resolveSort(undefined);
const cursorAfter = (minute: number, id: string) => encodeCursor(DEFAULT_SORT, [T0 + minute * 60_000, id] satisfies SortKey[]);

/** 12 operations deep: one more than the 10 allowed. */
function nested(depth: number): unknown {
  let expr: unknown = { $eq: [field('id'), lit('q-01')] };
  for (let i = 1; i < depth; i++) expr = { $and: [expr] };
  return expr;
}

function deepLiteral(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

const casesOnOneProject: ContractCase[] = [
  {
    name: 'query: a valid request answers 200 with a body that fits the schema',
    targets: 'all',
    request: { path: '/feedback/query', body: { project_id: 'acme/query-shape', query: { $expr: { $eq: [field('feedback_type'), lit('x')] } }, sort_by: [{ field: 'created_at', direction: 'desc' }], limit: 10 } },
    expect: { status: 200 },
  },
  {
    name: "query: no query gives the project's rows by created_at, then id; never another project's",
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'] } },
    expect: ids('q-01', 'q-02', 'q-03', 'q-04', 'q-05'),
  },
  {
    name: 'query: without fields, every column of the stored row in Weave order',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, query: { $expr: { $eq: [field('id'), lit('q-04')] } } } },
    expect: {
      status: 200,
      body: {
        result: [{
          id: 'q-04', project_id: Q, weave_ref: `weave:///${Q}/call/c-q-04`, wb_user_id: 'alice', creator: null, created_at: at(4),
          feedback_type: 'wandb.runnable.judge', payload: { output: { score: 0.7, label: 'good' } }, annotation_ref: null,
          runnable_ref: `weave:///${Q}/object/judge:v1`, call_ref: null, trigger_ref: null, queue_id: null,
          scorer_tags: ['Helpful', 'long'], scorer_tag_reasons: {}, scorer_tag_confidences: {}, scorer_ratings: { _rating_: 0.7 },
          scorer_rating_reasons: {}, scorer_rating_confidences: {}, span_agent_name: '', span_agent_version: '', span_status_code: 'UNSET',
          span_conversation_id: '', span_trace_id: '', scorer_trace_id: '',
        }],
        next_cursor: null,
      },
    },
  },
  {
    name: 'query: fields pick columns and payload paths, in the order given; a missing path is null',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['payload.output.score', 'id', 'created_at', 'payload.output', 'id'], limit: 2, offset: 2 } },
    expect: {
      status: 200,
      body: {
        result: [
          { 'payload.output.score': '0.95', id: 'q-03', created_at: at(3), 'payload.output': { score: '0.95' } },
          { 'payload.output.score': 0.7, id: 'q-04', created_at: at(4), 'payload.output': { score: 0.7, label: 'good' } },
        ],
        next_cursor: cursorAfter(4, 'q-04'),
      },
    },
  },
  selects('$eq on a column', { $eq: [field('feedback_type'), lit('note.score')] }, ['q-01', 'q-02', 'q-05']),
  selects('$eq with the literal first reads the same', { $eq: [lit('note.other'), field('feedback_type')] }, ['q-03']),
  selects('$gt on a payload path matches JSON numbers only (a numeric string does not)', { $gt: [field('payload.output.score'), lit(0.5)] }, ['q-01', 'q-04']),
  selects('$gte and $lte bound a payload number', { $and: [{ $gte: [field('payload.output.score'), lit(0.4)] }, { $lte: [field('payload.output.score'), lit(0.7)] }] }, ['q-02', 'q-04']),
  selects('$lt with the literal first flips the comparison', { $lt: [lit(0.5), field('payload.output.score')] }, ['q-01', 'q-04']),
  selects('$convert to double reads numeric strings too', { $gte: [{ $convert: { input: field('payload.output.score'), to: 'double' } }, lit(0.9)] }, ['q-01', 'q-03']),
  selects('$convert to int truncates', { $eq: [{ $convert: { input: field('payload.n'), to: 'int' } }, lit(7)] }, ['q-02']),
  selects('$convert to exists stands as a condition', { $convert: { input: field('payload.flag'), to: 'exists' } }, ['q-03']),
  selects('$in mixes literal types, each matching its own JSON type', { $in: [field('payload.n'), [lit(1), lit('7'), lit(true)]] }, ['q-01', 'q-02']),
  selects('$in on a column', { $in: [field('feedback_type'), [lit('note.other'), lit('wandb.runnable.judge')]] }, ['q-03', 'q-04']),
  selects('$contains is a substring match, case-insensitive on request (ASCII)', { $contains: { input: field('payload.output.label'), substr: lit('GOO'), case_insensitive: true } }, ['q-01', 'q-04']),
  selects('$contains is case-sensitive by default', { $contains: { input: field('payload.output.label'), substr: lit('goo') } }, ['q-04']),
  selects('$contains on scorer_tags is tag membership', { $contains: { input: field('scorer_tags'), substr: lit('helpful'), case_insensitive: true } }, ['q-04']),
  selects('$contains on scorer_tags matches whole tags only', { $contains: { input: field('scorer_tags'), substr: lit('Help') } }, []),
  selects('$not negates, missing values included', { $not: [{ $gt: [field('payload.output.score'), lit(0.5)] }] }, ['q-02', 'q-03', 'q-05']),
  selects('$or of conditions', { $or: [{ $eq: [field('id'), lit('q-05')] }, { $eq: [field('payload.flag'), lit(true)] }] }, ['q-03', 'q-05']),
  selects('$eq null matches a missing path and a JSON null', { $eq: [field('payload.output.label'), lit(null)] }, ['q-03', 'q-05']),
  selects('$eq null on a nullable column', { $eq: [field('creator'), lit(null)] }, ['q-02', 'q-03', 'q-04', 'q-05']),
  selects('$eq with a list literal is JSON equality', { $eq: [field('payload.list'), lit([1, 2])] }, ['q-05']),
  selects('created_at against an RFC 3339 date-time', { $gte: [field('created_at'), lit(at(3))] }, ['q-03', 'q-04', 'q-05']),
  selects('created_at against epoch seconds (a fraction rounds toward the rows it selects)', { $lt: [field('created_at'), lit((T0 + 120_000) / 1000 + 0.0005)] }, ['q-01', 'q-02']),
  selects('a dotted path into scorer_ratings', { $gte: [field('scorer_ratings._rating_'), lit(0.5)] }, ['q-04']),
  {
    name: 'query: sort by a payload path: present values first, numbers before strings, then by id',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], sort_by: [{ field: 'payload.output.score', direction: 'desc' }] } },
    expect: ids('q-01', 'q-04', 'q-02', 'q-03', 'q-05'),
  },
  {
    name: 'query: sort by a nullable column puts nulls last in either direction',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], sort_by: [{ field: 'creator', direction: 'desc' }, { field: 'created_at', direction: 'desc' }] } },
    expect: ids('q-01', 'q-05', 'q-04', 'q-03', 'q-02'),
  },
  {
    name: 'query: limit gives a next_cursor, and the cursor continues right after the last row',
    targets: 'stateful',
    seed,
    before: [
      {
        request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 2 } },
        expect: { status: 200, body: { result: [{ id: 'q-01' }, { id: 'q-02' }], next_cursor: cursorAfter(2, 'q-02') } },
      },
      {
        request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 2, cursor: cursorAfter(2, 'q-02') } },
        expect: { status: 200, body: { result: [{ id: 'q-03' }, { id: 'q-04' }], next_cursor: cursorAfter(4, 'q-04') } },
      },
    ],
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 2, cursor: cursorAfter(4, 'q-04') } },
    expect: ids('q-05'),
  },
  {
    name: 'query: a cursor with a descending payload sort pages through every row once',
    targets: 'stateful',
    seed,
    before: [{
      request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 3, sort_by: [{ field: 'payload.output.score', direction: 'desc' }] } },
      expect: { status: 200, check: (b) => { if ((b as { result: unknown[] }).result.length !== 3) throw new Error('want 3 rows'); } },
    }],
    request: {
      path: '/feedback/query',
      body: {
        project_id: Q, fields: ['id'], limit: 3, sort_by: [{ field: 'payload.output.score', direction: 'desc' }],
        // The key of q-02 (0.4): present, a number, 0.4, not a string, '', not a boolean, false; then its id.
        cursor: encodeCursor(resolveSort([{ field: 'payload.output.score', direction: 'desc' }]), [true, true, 0.4, false, '', false, false, 'q-02']),
      },
    },
    expect: ids('q-03', 'q-05'),
  },
  {
    name: 'query: limit 0 gives no rows and no cursor',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 0 } },
    expect: ids(),
  },
  refused('an unknown operator is a 400 naming it', { query: { $expr: { $regex: [field('id'), lit('q')] } } }, /Unknown query operator "\$regex" at query\.\$expr/),
  refused('an unknown field in the query is a 400 naming it', { query: { $expr: { $eq: [field('score'), lit(1)] } } }, /Unknown field "score" at query\.\$expr\.\$eq\[0\]\.\$getField/),
  refused('an unknown field in fields is a 400 naming it', { fields: ['id', 'nope'] }, /Unknown field "nope" at fields\[1\]/),
  refused('an unknown field in sort_by is a 400 naming it', { sort_by: [{ field: 'rating', direction: 'asc' }] }, /Unknown field "rating" at sort_by\[0\]\.field/),
  refused('two fields compared is a 400', { query: { $expr: { $eq: [field('id'), field('creator')] } } }, /compares a field with a literal/),
  refused('an empty $and is a 400', { query: { $expr: { $and: [] } } }, /\$and at query\.\$expr takes a non-empty list/),
  refused('operations nested more than 10 deep are a 400', { query: { $expr: nested(11) } }, /nests operations more than 10 deep/),
  refused('more than 4,096 JSON values in a query are a 400', {
    query: { $expr: { $or: [0, 1, 2].map((k) => ({ $in: [field('id'), Array.from({ length: 1000 }, (_, i) => lit(`id-${k}-${i}`))] })) } },
  }, /more than 4096 JSON values/),
  refused('a cursor that is not ours is a 400', { cursor: 'bm90LWEtY3Vyc29y' }, 'Invalid cursor: pass the next_cursor of a previous answer unchanged'),
  refused('a cursor of another sort_by is a 400', { cursor: cursorAfter(1, 'q-01'), sort_by: [{ field: 'id', direction: 'asc' }] }, 'This cursor belongs to another sort_by: send the sort_by of the request that returned it'),
  refused('created_at compared with a non-date is a 400', { query: { $expr: { $gt: [field('created_at'), lit('yesterday')] } } }, /created_at at query\.\$expr\.\$gt compares with an RFC 3339 date-time/),
  {
    name: 'query: limit above 10,000 is a 422',
    targets: 'all',
    request: { path: '/feedback/query', body: { project_id: Q, limit: 10_001 } },
    expect: { status: 422 },
  },
  refused('a body nested deeper than 64 levels is a 400, before the schema', { query: { $expr: { $eq: [field('payload.a'), lit(deepLiteral(70))] } } }, /^JSON nested too deeply at .*: at most 64 levels/),
  selects('a literal nested well within the limit is compared as JSON', { $eq: [field('payload.a'), lit(deepLiteral(30))] }, []),
  {
    name: 'query: unknown keys in the request are a 422',
    targets: 'all',
    request: { path: '/feedback/query', body: { project_id: Q, filter: {} } },
    expect: { status: 422 },
  },
  {
    name: 'query: a key with only "ingest" may not query (403 naming the scope)',
    targets: 'stateful',
    request: { path: '/feedback/query', body: { project_id: Q }, key: 'widget' },
    expect: { status: 403, body: { reason: 'This key lacks the "read" scope that /feedback/query needs', error_type: 'Forbidden' } },
  },
  {
    name: 'query: a project the key does not grant is a 403, whether or not it has data',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q }, key: 'bob' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
  {
    name: 'query: a key with only "read" may query',
    targets: 'stateful',
    seed,
    request: { path: '/feedback/query', body: { project_id: Q, fields: ['id'], limit: 1 }, key: 'dashboard' },
    expect: { status: 200, body: { result: [{ id: 'q-01' }], next_cursor: cursorAfter(1, 'q-01') } },
  },
];

/**
 * Every case reads the same rows, but each in a project of its own (`acme/query-<n>`, and
 * `acme/query-<n>-other` for the project that must never show), so no case can see another's
 * writes on a target that keeps its state between cases.
 */
function inOwnProject<T>(value: T, n: number): T {
  if (typeof value === 'string') return value.replace(/acme\/query(?=$|[/-])/g, `acme/query-${n}`) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => inOwnProject(v, n)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inOwnProject(v, n)])) as T;
  }
  return value;
}

export const queryCases: ContractCase[] = casesOnOneProject.map((c, i) => inOwnProject(c, i + 1));
