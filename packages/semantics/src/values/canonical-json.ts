// One text per JSON value regardless of key order: jsonb stores object keys in its own order,
// so "same content" for an idempotent retry must not depend on it.
import { compareCodePoints } from './order.js';

/**
 * JSON text with every object's keys sorted by code point, arrays kept in order, no spaces.
 * Follows JSON.stringify otherwise: object members whose value is `undefined` are left out,
 * `undefined` in an array (and at the top) becomes `null`, non-finite numbers become `null`,
 * -0 becomes `0`.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  if (typeof v === 'object') {
    const record = v as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareCodePoints)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
