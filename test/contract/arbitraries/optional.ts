// Optional request fields: mostly absent, sometimes present, now and then an explicit null.
import fc from 'fast-check';

/** `undefined` (omit the key) with the given weight against one for the value. */
export function sometimes<T>(arb: fc.Arbitrary<T>, absentWeight = 2): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** Like `sometimes`, plus an explicit `null` (which nullable fields treat as absent). */
export function sometimesOrNull<T>(arb: fc.Arbitrary<T>, absentWeight = 2): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ weight: absentWeight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: arb });
}

/** Copies `fields` into `body`, leaving out the ones that are `undefined`. */
export function withDefined(body: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body[key] = value;
  return body;
}
