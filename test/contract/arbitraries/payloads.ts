// Feedback payloads with the shapes metrics meet in practice: numbers, booleans, strings, nulls,
// nested objects, arrays, and paths that are missing. The keys are few and fixed so that the
// generated metric paths hit them often.
import fc from 'fast-check';

/**
 * Scores in [0, 1] with four decimals, integers, and dyadic fractions (exact in binary). Plus a
 * few values whose text differs between JavaScript and PostgreSQL (`1e21`, `1e-7`), and some whose
 * float running sum depends on the order of addition (`0.1`, `±1e16`): sums are exact decimal
 * sums rounded once on every engine (docs/semantics.md, "Exact sums"), so they still agree.
 */
export const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((k) => k / 10_000) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 2, arbitrary: fc.integer({ min: -4000, max: 4000 }).map((k) => k / 8) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 1e21, 1e-7, 123456.789, 2 ** 53, -1.5e9) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 0.2, 0.7, 1e16, -1e16) },
);

/** Short strings, including ones that look like numbers or booleans and ones outside ASCII. */
export const labelArb: fc.Arbitrary<string> = fc.constantFrom('good', 'bad', 'Good', 'ok', '', ' ', '0.5', 'true', 'null', 'Zürich', 'z', '😀', '\uFFFD', 'a b');

export const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: numberArb },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: labelArb },
  { weight: 1, arbitrary: fc.constant(null) },
);

/**
 * A scalar, or sometimes a container (which every metric treats as absent). Objects may have
 * digit keys: `output.0` is a key lookup, never an array index.
 */
export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('score', 'x', '0', '1'), scalarArb, { maxKeys: 2 }) },
);

const outputArb = fc.oneof(
  { weight: 6, arbitrary: fc.record({ score: valueArb, passed: valueArb, label: valueArb }, { requiredKeys: [] }) },
  { weight: 2, arbitrary: valueArb },
  { weight: 1, arbitrary: fc.array(scalarArb, { minLength: 1, maxLength: 3 }) },
);

/** A payload; every key may be missing. */
export const payloadArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    score: valueArb,
    output: outputArb,
    'a b': valueArb,
    nested: fc.record({ deep: fc.record({ value: valueArb }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** The metric paths requests ask for: the ones payloads carry, some they never do. */
export const JSON_PATHS = ['score', 'output', 'output.score', 'output.passed', 'output.label', 'a b', 'nested.deep.value', 'nested', 'missing', 'output.score.x', 'output.0', 'score.1'] as const;

/** json_path values SEMANTICS.md refuses (400). */
export const INVALID_JSON_PATHS = ['', '.score', 'score.', 'output..score', 'scores[0]', 'naïve'] as const;
