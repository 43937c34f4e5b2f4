// The SQL/JSON path that reads one metric's value out of a payload in a single call:
//   strict $."output"."score" ? (@.type() == "number")
// Strict mode walks object keys only (a numeric segment never indexes an array, as the rules
// say; `payload #> path` would), and the filter keeps only the value types the metric takes,
// so the caller needs no jsonb_typeof check and no second walk. Run with `silent => true`, a
// missing key or a non-object step yields NULL instead of an error.
import type { ValueType } from '@feedback/api-types';

const TYPE_FILTER: Record<ValueType, string> = {
  numeric: '@.type() == "number"',
  boolean: '@.type() == "boolean"',
  categorical: '@.type() == "string" || @.type() == "number" || @.type() == "boolean"',
};

/** JSON string syntax is valid jsonpath string syntax: quotes, backslashes and controls escaped. */
export function metricJsonPath(segments: readonly string[], valueType: ValueType): string {
  return `strict $${segments.map((s) => `.${JSON.stringify(s)}`).join('')} ? (${TYPE_FILTER[valueType]})`;
}
