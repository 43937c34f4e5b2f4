// The SQL of /feedback/query against the shared JS meaning of a query (packages/semantics
// evaluate.ts, what the fake runs): for random expressions, sorts and pages over rows with every
// JSON type, both must select the same rows in the same order, on every engine. Rows too large for
// the covering index are in the mix, so both branches of the statement are read.
import fc from 'fast-check';
import type { FeedbackCreateReq, FeedbackQueryReq, FeedbackQueryRes } from '@feedback/api-types';
import {
  assembleQueryResponse,
  checkCreateRequest,
  checkQueryRequest,
  compareSortKeys,
  matchesPredicate,
  outputsOf,
  sortKeysOf,
  type QueryRowData,
} from '@feedback/semantics';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeedbackQuerySql, runFeedbackQuery } from '../src/sql/feedback-query.js';
import { toInsertRow } from '../src/sql/feedback-row.js';
import { insertFeedback } from '../src/sql/feedback-store.js';
import { testEngines, useTestDatabase } from './support/engines.js';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.js';

const P = 'acme/query-sql';
const T0 = Date.parse('2024-06-01T00:00:00Z');

const VALUES: unknown[] = [0, 1, -2.5, 0.1, 1e21, 7, '1', '2.5', '-3e2', 'abc', 'ABC', 'Ab', 'aB c', '😀', 'é', 'ｚ', '', true, false, null, { k: 1 }, [1, 2], []];
const pick = (i: number, salt: number): unknown => VALUES[(i * 7 + salt * 13 + ((i * salt) % 5)) % VALUES.length];

function payloadOf(i: number): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (i % 6 !== 0) p['a'] = pick(i, 1);
  if (i % 4 !== 1) p['b'] = pick(i, 2);
  p['x'] = i % 5 === 0 ? pick(i, 3) : { y: pick(i, 4), z: i };
  p['output'] = pick(i, 5);
  if (i % 23 === 0) p['pad'] = 'p'.repeat(3_000); // not covered: read through the other branch
  return p;
}

function bodyOf(i: number): FeedbackCreateReq {
  const common = { project_id: P, weave_ref: `weave:///${P}/call/c${i % 3}`, payload: payloadOf(i), creator: [null, 'Ann', 'bob', 'Ánn'][i % 4] ?? null };
  if (i % 3 === 0) {
    return { ...common, feedback_type: 'wandb.runnable.judge', runnable_ref: `weave:///${P}/object/judge:v1`, scorer_tags: [['Helpful'], ['long', 'x'], []][i % 3 === 0 ? (i / 3) % 3 : 0] ?? [], scorer_ratings: i % 2 === 0 ? { _rating_: (i % 10) / 10 } : {} };
  }
  return { ...common, feedback_type: i % 2 === 0 ? 'note.a' : 'note.B' };
}

const ROWS = Array.from({ length: 80 }, (_, i) => {
  const id = `id-${String((i * 37) % 80).padStart(2, '0')}`;
  // Ten distinct instants: ties on created_at, broken by id.
  const createdAtMs = T0 + (i % 10) * 1_000;
  return { id, createdAtMs, insert: toInsertRow(checkCreateRequest(bodyOf(i), 'alice'), id, createdAtMs) };
});
const DATA: QueryRowData[] = ROWS.map((r) => ({ createdAtMs: r.createdAtMs, values: r.insert }));

/** The fake's answer: the shared evaluation over the rows in JS. */
function jsAnswer(body: FeedbackQueryReq): FeedbackQueryRes {
  const q = checkQueryRequest(body);
  const found = DATA.filter((d) => q.predicate === null || matchesPredicate(q.predicate, d))
    .map((d) => ({ d, keys: sortKeysOf(q.sort, d) }))
    .filter(({ keys }) => q.after === null || compareSortKeys(q.sort, keys, q.after) > 0)
    .sort((a, b) => compareSortKeys(q.sort, a.keys, b.keys));
  return assembleQueryResponse(q, found.slice(q.offset, q.offset + q.limit + 1).map(({ d, keys }) => ({ outputs: outputsOf(q.fields, d), keys })));
}

const FIELDS = ['payload.a', 'payload.b', 'payload.x', 'payload.x.y', 'payload.x.z', 'payload.none', 'payload', 'creator', 'feedback_type', 'id', 'scorer_ratings._rating_'];
const SORTABLE = [...FIELDS, 'created_at', 'weave_ref'];
const field = fc.constantFrom(...FIELDS).map((f) => ({ $getField: f }));
const value = fc.oneof(
  { weight: 3, arbitrary: field },
  { weight: 1, arbitrary: fc.record({ input: field, to: fc.constantFrom('double', 'int', 'string', 'bool', 'exists') }).map((c) => ({ $convert: c })) },
);
const literal = fc.constantFrom(...VALUES, 0.5, 'a', 'b', 'Ann').map((v) => ({ $literal: v }));
const comparison = fc.tuple(fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte'), value, literal, fc.boolean()).map(([op, v, l, flip]) => ({ [op]: flip ? [l, v] : [v, l] }));
const inList = fc.tuple(value, fc.array(literal, { maxLength: 4 })).map(([v, ls]) => ({ $in: [v, ls] }));
const contains = fc
  .record({ input: value, substr: fc.constantFrom('a', 'A', 'b', '😀', '', 'ab', 'é'), ci: fc.boolean() })
  .map(({ input, substr, ci }) => ({ $contains: { input, substr: { $literal: substr }, case_insensitive: ci } }));
const tags = fc.record({ substr: fc.constantFrom('helpful', 'Helpful', 'x', 'lo'), ci: fc.boolean() }).map(({ substr, ci }) => ({
  $contains: { input: { $getField: 'scorer_tags' }, substr: { $literal: substr }, case_insensitive: ci },
}));
const time = fc.tuple(fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte'), fc.integer({ min: -2, max: 12 }), fc.boolean(), fc.boolean()).map(([op, k, asSeconds, half]) => {
  const ms = T0 + k * 1_000 + (half ? 500 : 0);
  return { [op]: [{ $getField: 'created_at' }, { $literal: asSeconds ? ms / 1000 : new Date(ms).toISOString() }] };
});
const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    inList,
    contains,
    tags,
    time,
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((items) => ({ $and: items })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((items) => ({ $or: items })),
    tie('condition').map((c) => ({ $not: [c] })),
  ),
}));
const sortBy = fc.array(fc.record({ field: fc.constantFrom(...SORTABLE), direction: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 3 });
const request = fc.record({
  query: fc.option(condition.map((c) => ({ $expr: c })), { nil: null }),
  sort_by: sortBy,
  limit: fc.integer({ min: 0, max: 30 }),
  offset: fc.integer({ min: 0, max: 5 }),
  fields: fc.subarray([...FIELDS, 'created_at', 'scorer_tags']),
});

describe.each(testEngines())('query SQL on $name', (engine) => {
  const database = useTestDatabase(engine);
  beforeAll(async () => {
    await insertFeedback(database().db, ROWS.map((r) => r.insert));
  }, 60_000);

  const sqlAnswer = async (body: FeedbackQueryReq): Promise<FeedbackQueryRes> => {
    const q = checkQueryRequest(body);
    return assembleQueryResponse(q, (await runFeedbackQuery(database().db, q)).rows);
  };

  it('selects, orders and pages as the shared JS evaluation does', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const body = { project_id: P, ...r } as FeedbackQueryReq;
        expect(await sqlAnswer(body)).toEqual(jsAnswer(body));
      }),
      { seed: fuzzSeed(), numRuns: Math.max(50, Math.floor(fuzzRuns() / 2)) },
    );
  }, 120_000);

  it.each([
    [[]],
    [[{ field: 'payload.a', direction: 'desc' }]],
    [[{ field: 'creator', direction: 'asc' }, { field: 'payload.x.y', direction: 'asc' }]],
    [[{ field: 'created_at', direction: 'desc' }, { field: 'payload.b', direction: 'asc' }]],
  ] as const)('the cursor pages through every row exactly once (sort %j)', async (sort) => {
    const all = jsAnswer({ project_id: P, fields: ['id'], sort_by: [...sort], limit: 1_000 }).result.map((row) => row['id']);
    expect(all).toHaveLength(ROWS.length);
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: FeedbackQueryRes = await sqlAnswer({ project_id: P, fields: ['id'], sort_by: [...sort], limit: 7, cursor });
      paged.push(...page.result.map((row) => row['id']));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(paged).toEqual(all);
  });

  it('every value is a bound parameter: the statement text holds no literal of the request', () => {
    const body: FeedbackQueryReq = {
      project_id: P,
      fields: ["payload.it's"],
      query: { $expr: { $eq: [{ $getField: "payload.a'; DROP TABLE feedback; --" }, { $literal: "x'); DROP TABLE feedback; --" }] } },
      sort_by: [{ field: 'payload.q"uote', direction: 'asc' }],
    };
    const { sql } = buildFeedbackQuerySql(checkQueryRequest(body));
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain("it's");
    expect(sql).not.toContain('q"uote');
  });
});
