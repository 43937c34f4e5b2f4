// The only module of this workspace that reads the environment.

/** PostgreSQL admin URL; the PostgreSQL target and the differential's server run only when it is set. */
export function databaseUrl(): string | undefined {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? undefined : url;
}

/** Differential runs per property: FEEDBACK_TEST_RUNS, default 200 (what CI runs). */
export function differentialRuns(): number {
  const raw = process.env['FEEDBACK_TEST_RUNS'];
  if (raw === undefined || raw === '') return 200;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`FEEDBACK_TEST_RUNS must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return n;
}

/** Seed of the differential test: FEEDBACK_TEST_SEED, default fixed so CI is reproducible. */
export function differentialSeed(): number {
  const raw = process.env['FEEDBACK_TEST_SEED'];
  if (raw === undefined || raw === '') return 20240310;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new RangeError(`FEEDBACK_TEST_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}
