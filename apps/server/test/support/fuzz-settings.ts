// Size and seed of the property-based suites of this package, from the same variables as the
// contract workspace's differential test: FEEDBACK_TEST_SEED (default fixed, so CI is
// reproducible) and FEEDBACK_TEST_RUNS (default 200, what CI runs).

export function fuzzSeed(): number {
  const raw = process.env['FEEDBACK_TEST_SEED'];
  if (raw === undefined || raw === '') return 20240310;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new RangeError(`FEEDBACK_TEST_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

export function fuzzRuns(): number {
  const raw = process.env['FEEDBACK_TEST_RUNS'];
  if (raw === undefined || raw === '') return 200;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`FEEDBACK_TEST_RUNS must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return n;
}
