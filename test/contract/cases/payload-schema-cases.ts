// /feedback/payload_schema: every path json_path can name with the JSON types found there, keys it
// cannot name counted and passed over, the depth bound, the newest rows first (ties by id), the
// filters, an empty project, the scope and the request's bounds.
import type { SeedRow } from '../targets/seed-row.js';
import type { ContractCase } from './contract-case.js';

function row(project: string, createdAt: string, payload: Record<string, unknown>, extra: Partial<SeedRow> = {}): SeedRow {
  return { project_id: project, weave_ref: `weave:///${project}/call/c`, feedback_type: 'custom.judge', payload, created_at: createdAt, wb_user_id: 'alice', ...extra };
}

const PATHS = 'acme/schema-paths';
const TIES = 'acme/schema-ties';

const pathRows: SeedRow[] = [
  row(PATHS, '2024-06-01T00:10:00Z', { output: { score: 0.8, passed: true, reason: 'ok', tags: ['a'], 'bad.key': 1, 'with-dash': { x: 1 } }, note: null }),
  row(PATHS, '2024-06-01T00:20:00Z', { output: { score: 'high', passed: false }, 'my key': { inner: 1 } }),
  row(PATHS, '2024-06-01T00:30:00Z', { output: { score: 1 }, deep: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } }, { feedback_type: 'custom.other' }),
];

const objectPath = (path: string) => ({ path, count: 1, types: { object: 1 } });

// 1,001 keys in one row and one of them again in a second row: the frequent one is kept, and of
// the 1,000 tied ones the last by code point is dropped.
const MANY = 'acme/schema-many';
const manyKey = (i: number) => `k${String(i).padStart(4, '0')}`;
const manyPayload = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [manyKey(i), i]));
const manyPaths = Array.from({ length: 1_001 }, (_, i) => i)
  .filter((i) => i !== 999)
  .map((i) => (i === 1_000 ? { path: manyKey(i), count: 2, types: { number: 1, boolean: 1 } } : { path: manyKey(i), count: 1, types: { number: 1 } }));

// Paths of exactly 256 characters are kept, longer ones and keys outside [A-Za-z0-9_ ] passed over.
const LONG = 'acme/schema-long';
const longKey = 'L'.repeat(250);
const DEEP = ['deep', 'deep.a', 'deep.a.b', 'deep.a.b.c', 'deep.a.b.c.d', 'deep.a.b.c.d.e', 'deep.a.b.c.d.e.f', 'deep.a.b.c.d.e.f.g'].map(objectPath);

export const payloadSchemaCases: ContractCase[] = [
  {
    name: 'payload_schema: a valid request answers 200 with a body that fits the schema',
    targets: 'all',
    request: { path: '/feedback/payload_schema', body: { project_id: 'acme/schema-shape', feedback_type: 'custom', start: '2024-06-01T00:00:00Z', max_rows: 100 } },
    expect: { status: 200 },
  },
  {
    name: 'payload_schema: every nameable path with its types; keys json_path cannot name are counted, not entered; 8 keys deep at most',
    targets: 'stateful',
    seed: pathRows,
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS } },
    expect: {
      status: 200,
      body: {
        paths: [
          ...DEEP,
          { path: 'my key', count: 1, types: { object: 1 } },
          { path: 'my key.inner', count: 1, types: { number: 1 } },
          { path: 'note', count: 1, types: { null: 1 } },
          { path: 'output', count: 3, types: { object: 3 } },
          { path: 'output.passed', count: 2, types: { boolean: 2 } },
          { path: 'output.reason', count: 1, types: { string: 1 } },
          { path: 'output.score', count: 3, types: { number: 2, string: 1 } },
          { path: 'output.tags', count: 1, types: { array: 1 } },
        ],
        rows_examined: 3,
        complete: true,
        oldest_examined_at: '2024-06-01T00:10:00Z',
        paths_truncated: false,
        skipped_keys: 2,
      },
    },
  },
  {
    name: 'payload_schema: max_rows reads the newest rows only and says the answer is not complete',
    targets: 'stateful',
    seed: pathRows.map((r) => ({ ...r, project_id: 'acme/schema-newest', weave_ref: 'weave:///acme/schema-newest/call/c' })),
    request: { path: '/feedback/payload_schema', body: { project_id: 'acme/schema-newest', max_rows: 2 } },
    expect: {
      status: 200,
      body: {
        paths: [
          ...DEEP,
          { path: 'my key', count: 1, types: { object: 1 } },
          { path: 'my key.inner', count: 1, types: { number: 1 } },
          { path: 'output', count: 2, types: { object: 2 } },
          { path: 'output.passed', count: 1, types: { boolean: 1 } },
          { path: 'output.score', count: 2, types: { number: 1, string: 1 } },
        ],
        rows_examined: 2,
        complete: false,
        oldest_examined_at: '2024-06-01T00:20:00Z',
        paths_truncated: false,
        skipped_keys: 0,
      },
    },
  },
  {
    name: 'payload_schema: feedback_type (exact) and start/end filter the rows',
    targets: 'stateful',
    seed: pathRows.map((r) => ({ ...r, project_id: 'acme/schema-filters', weave_ref: 'weave:///acme/schema-filters/call/c' })),
    request: {
      path: '/feedback/payload_schema',
      body: { project_id: 'acme/schema-filters', feedback_type: 'custom.judge', start: '2024-06-01T00:15:00Z', end: '2024-06-01T00:30:00Z' },
    },
    expect: {
      status: 200,
      body: {
        paths: [
          { path: 'my key', count: 1, types: { object: 1 } },
          { path: 'my key.inner', count: 1, types: { number: 1 } },
          { path: 'output', count: 1, types: { object: 1 } },
          { path: 'output.passed', count: 1, types: { boolean: 1 } },
          { path: 'output.score', count: 1, types: { string: 1 } },
        ],
        rows_examined: 1,
        complete: true,
        oldest_examined_at: '2024-06-01T00:20:00Z',
        paths_truncated: false,
        skipped_keys: 0,
      },
    },
  },
  {
    name: 'payload_schema: rows created at the same instant are taken by id, the greatest first',
    targets: 'stateful',
    seed: [
      row(TIES, '2024-06-01T00:10:00Z', { from_a: 1 }, { id: 'row-a' }),
      row(TIES, '2024-06-01T00:10:00Z', { from_b: 1 }, { id: 'row-b' }),
    ],
    request: { path: '/feedback/payload_schema', body: { project_id: TIES, max_rows: 1 } },
    expect: {
      status: 200,
      body: {
        paths: [{ path: 'from_b', count: 1, types: { number: 1 } }],
        rows_examined: 1,
        complete: false,
        oldest_examined_at: '2024-06-01T00:10:00Z',
        paths_truncated: false,
        skipped_keys: 0,
      },
    },
  },
  {
    name: 'payload_schema: past 1,000 paths the most frequent are kept, ties by path',
    targets: 'stateful',
    seed: [row(MANY, '2024-06-01T00:10:00Z', manyPayload), row(MANY, '2024-06-01T00:20:00Z', { [manyKey(1_000)]: true })],
    request: { path: '/feedback/payload_schema', body: { project_id: MANY } },
    expect: {
      status: 200,
      body: { paths: manyPaths, rows_examined: 2, complete: true, oldest_examined_at: '2024-06-01T00:10:00Z', paths_truncated: true, skipped_keys: 0 },
    },
  },
  {
    name: 'payload_schema: a path of 256 characters is kept, a longer one or a key outside [A-Za-z0-9_ ] is not',
    targets: 'stateful',
    seed: [row(LONG, '2024-06-01T00:10:00Z', { [longKey]: { abcde: 1, abcdef: 2 }, é: 3, 'a/b': 4, '': 5, ok: 6 })],
    request: { path: '/feedback/payload_schema', body: { project_id: LONG } },
    expect: {
      status: 200,
      body: {
        paths: [
          { path: longKey, count: 1, types: { object: 1 } },
          { path: `${longKey}.abcde`, count: 1, types: { number: 1 } },
          { path: 'ok', count: 1, types: { number: 1 } },
        ],
        rows_examined: 1,
        complete: true,
        oldest_examined_at: '2024-06-01T00:10:00Z',
        paths_truncated: false,
        skipped_keys: 4,
      },
    },
  },
  {
    name: 'payload_schema: a project without rows has no paths',
    targets: 'stateful',
    request: { path: '/feedback/payload_schema', body: { project_id: 'acme/schema-empty', feedback_type: '' }, key: 'dashboard' },
    expect: { status: 200, body: { paths: [], rows_examined: 0, complete: true, oldest_examined_at: null, paths_truncated: false, skipped_keys: 0 } },
  },
  {
    name: 'payload_schema: needs the read scope (403 for an ingest-only key)',
    targets: 'stateful',
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS }, key: 'widget' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
  {
    name: 'payload_schema: a project the key does not grant is a 403',
    targets: 'stateful',
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS }, key: 'bob' },
    expect: { status: 403, errorType: 'Forbidden' },
  },
  {
    name: 'payload_schema: end before start is a 422',
    targets: 'stateful',
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS, start: '2024-06-02T00:00:00Z', end: '2024-06-01T00:00:00Z' } },
    expect: { status: 422, detail: [{ loc: ['body', 'end'], type: 'value_error' }] },
  },
  {
    name: 'payload_schema: max_rows above 10,000 is a 422',
    targets: 'all',
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS, max_rows: 10_001 } },
    expect: { status: 422, detail: [{ loc: ['body', 'max_rows'], type: 'less_than_equal' }] },
  },
  {
    name: 'payload_schema: an unknown field is a 422',
    targets: 'all',
    request: { path: '/feedback/payload_schema', body: { project_id: PATHS, sample_size: 10 } },
    expect: { status: 422, detail: [{ loc: ['body', 'sample_size'], type: 'extra_forbidden' }] },
  },
];
