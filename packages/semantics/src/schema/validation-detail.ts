// One mapping from JSON-Schema failures to FastAPI's 422 `detail` entries. The server feeds it
// express-openapi-validator's errors and the fake feeds it Ajv's, so both answer alike.
import type { ValidationError } from '@feedback/api-types';

export interface SchemaFailure {
  /** Location inside the body, as path segments (no leading "body"). */
  path: (string | number)[];
  /** The JSON-Schema keyword that failed (required, additionalProperties, type, enum, anyOf, …). */
  keyword: string;
  message: string;
}

const TYPE_BY_KEYWORD: Record<string, string> = {
  required: 'missing',
  additionalProperties: 'extra_forbidden',
  enum: 'enum',
  type: 'type_error',
  format: 'format_error',
  pattern: 'string_pattern_mismatch',
  minimum: 'greater_than_equal',
  exclusiveMinimum: 'greater_than',
  maximum: 'less_than_equal',
  maxLength: 'string_too_long',
  maxItems: 'too_long',
  maxProperties: 'too_long',
  anyOf: 'type_error',
};

/**
 * The most entries a 422 lists. Both validators stop at the first failure, which yields one
 * location; the cap keeps any other caller's list (every error of a huge body) small too.
 */
export const MAX_VALIDATION_DETAIL = 16;

/** Splits "/body/metrics/0/json_path" or "metrics[0].json_path" into segments, numbers as numbers. */
export function pathSegments(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((p) => p.length > 0)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function toValidationDetail(failures: readonly SchemaFailure[]): ValidationError[] {
  const detail: ValidationError[] = [];
  const seen = new Set<string>();
  for (const f of failures) {
    const loc = f.path[0] === 'body' ? f.path : ['body', ...f.path];
    // A failed anyOf ("integer or null") reports every branch; one entry per location is clearer.
    const key = JSON.stringify(loc);
    if (seen.has(key)) continue;
    if (detail.length === MAX_VALIDATION_DETAIL) break;
    seen.add(key);
    detail.push({
      loc,
      msg: f.keyword === 'anyOf' ? 'must match the declared type' : f.message,
      type: TYPE_BY_KEYWORD[f.keyword] ?? 'value_error',
    });
  }
  return detail;
}
