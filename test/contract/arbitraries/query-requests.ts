// Random /feedback/query requests for the differential runs: Weave expressions over the columns and
// the payload paths the generated rows carry (every operator, $convert, typed literals of every
// JSON type), sorts on columns and paths, pages. Mostly valid; a few name an unknown field.
import fc from 'fast-check';
import { JSON_PATHS, labelArb, numberArb } from './payloads.js';
import { TAGS } from './rows.js';

export type QueryTemplate = {
  query: unknown;
  sortBy: { field: string; direction: 'asc' | 'desc' }[];
  limit: number | null;
  offset: number | null;
  fields: string[] | null;
};

const COLUMNS = ['id', 'feedback_type', 'creator', 'wb_user_id', 'span_agent_name', 'span_status_code', 'trigger_ref', 'runnable_ref'] as const;
const PATHS = [...JSON_PATHS.map((p) => `payload.${p}`), 'scorer_ratings._rating_', 'scorer_ratings.quality'];
const FIELDS = [...COLUMNS, ...PATHS, 'payload', 'created_at', 'scorer_tags'];

const fieldArb = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...COLUMNS, ...PATHS) }, { weight: 1, arbitrary: fc.constant('no_such_field') });
const operandArb = fc.oneof(
  { weight: 4, arbitrary: fieldArb.map((f) => ({ $getField: f })) },
  { weight: 1, arbitrary: fc.record({ input: fieldArb.map((f) => ({ $getField: f })), to: fc.constantFrom('double', 'int', 'string', 'bool', 'exists') }).map((c) => ({ $convert: c })) },
);
const literalValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: numberArb },
  { weight: 4, arbitrary: labelArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], [1, 2], { score: 0.5 }) },
);
const literalArb = literalValueArb.map((v) => ({ $literal: v }));

const comparisonArb = fc
  .tuple(fc.constantFrom('$eq', '$gt', '$gte', '$lt', '$lte'), operandArb, literalArb, fc.boolean())
  .map(([op, field, literal, flip]) => ({ [op]: flip ? [literal, field] : [field, literal] }));
const inArb = fc.tuple(operandArb, fc.array(literalArb, { maxLength: 4 })).map(([field, list]) => ({ $in: [field, list] }));
const containsArb = fc
  .record({ input: operandArb, substr: labelArb, ci: fc.boolean() })
  .map(({ input, substr, ci }) => ({ $contains: { input, substr: { $literal: substr }, case_insensitive: ci } }));
const tagArb = fc
  .record({ tag: fc.constantFrom(...TAGS), ci: fc.boolean() })
  .map(({ tag, ci }) => ({ $contains: { input: { $getField: 'scorer_tags' }, substr: { $literal: tag }, case_insensitive: ci } }));

const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArb,
    inArb,
    containsArb,
    tagArb,
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((items) => ({ $and: items })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((items) => ({ $or: items })),
    tie('condition').map((c) => ({ $not: [c] })),
  ),
}));

export const queryTemplateArb: fc.Arbitrary<QueryTemplate> = fc.record({
  query: fc.option(condition, { nil: null }),
  sortBy: fc.array(fc.record({ field: fc.constantFrom('created_at', ...COLUMNS, ...PATHS), direction: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 2 }),
  limit: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
  offset: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  fields: fc.option(fc.subarray(FIELDS, { maxLength: 6 }), { nil: null }),
});

/**
 * The request body. A created_at bound near the run's anchor is added to the expression half the
 * time, so time comparisons meet rows on both sides.
 */
export function toQueryBody(t: QueryTemplate, project: string, anchorMs: number): Record<string, unknown> {
  const since = { $gte: [{ $getField: 'created_at' }, { $literal: new Date(anchorMs).toISOString() }] };
  const expr = t.query === null ? null : anchorMs % 2 === 0 ? { $and: [t.query, since] } : t.query;
  return {
    project_id: project,
    ...(expr === null ? {} : { query: { $expr: expr } }),
    ...(t.sortBy.length === 0 ? {} : { sort_by: t.sortBy }),
    ...(t.limit === null ? {} : { limit: t.limit }),
    ...(t.offset === null ? {} : { offset: t.offset }),
    ...(t.fields === null ? {} : { fields: t.fields }),
  };
}
