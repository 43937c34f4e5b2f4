// Reading a metric's value out of a stored payload, with the same outcome as the SQL
// (`payload #> path` plus a `jsonb_typeof` check) so fake and server agree row by row.
import type { ValueType } from '@feedback/api-types';
import { jsonScalarText } from './json-text.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The value at `segments` (object keys, outermost first) inside `payload`; `undefined` when a
 * step is missing or is not an object. Arrays are never indexed, even by a numeric segment,
 * because the json_path syntax has no array indexing.
 */
export function extractPath(payload: unknown, segments: readonly string[]): unknown {
  let current: unknown = payload;
  for (const key of segments) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * A raw JSON value as a metric value of `valueType`, or `undefined` when absent:
 * numeric takes only JSON numbers; boolean only `true`/`false`; categorical takes strings as
 * they are and other scalars as their JSON text (numbers as PostgreSQL `numeric` prints them).
 * `null`, objects, arrays and missing values are absent for every type.
 */
export function extractMetricValue(valueType: ValueType, v: unknown): number | boolean | string | undefined {
  switch (valueType) {
    case 'numeric':
      // `+ 0` turns -0 into 0: numeric has no negative zero, and -0 would compare unequal in tests.
      return typeof v === 'number' && Number.isFinite(v) ? v + 0 : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'categorical':
      return jsonScalarText(v);
  }
}
