// A payload's leaves, as the roll-ups count them: the same rule as the SQL function
// feedback_payload_leaves (migrations/006_rollups.sql), computed here on the write path because a
// walk in JavaScript costs ~1 µs per row where the SQL one costs ~40 µs (measured on PostgreSQL
// 15). The two are tested to agree (test/rollups-leaves.test.ts), and `rollups verify` checks the
// stored flag against the SQL function.
//
// A leaf is a JSON number or boolean reached from the payload through object keys only, each key
// made of json_path characters other than the dot; its path is the keys joined with '.', so it is
// exactly the `json_path` a metric names it by. Arrays are not entered; strings and nulls are not
// leaves (categorical metrics are read raw).

/** Deepest leaf, in keys from the payload. */
export const MAX_LEAF_DEPTH = 8;
/** Most leaves one row may have. */
export const MAX_LEAVES = 64;

const LEAF_KEY = /^[A-Za-z0-9_ ]+$/;

export type PayloadLeaves = Record<string, number | boolean>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `{path: value}`; `{}` for a payload that is not an object; null when the payload exceeds a bound
 * (a leaf, or an object that may hold one, deeper than MAX_LEAF_DEPTH; more than MAX_LEAVES
 * leaves): such a row is not rolled up at all, and is always read raw.
 */
export function payloadLeaves(payload: unknown): PayloadLeaves | null {
  // No prototype: a key such as "__proto__" is stored as a plain property.
  const out = Object.create(null) as PayloadLeaves;
  if (!isObject(payload)) return out;
  let count = 0;
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number): boolean => {
    for (const key of Object.keys(obj)) {
      if (!LEAF_KEY.test(key)) continue;
      const value = obj[key];
      if (typeof value === 'number' || typeof value === 'boolean') {
        if (depth > MAX_LEAF_DEPTH || ++count > MAX_LEAVES) return false;
        out[prefix + key] = value;
      } else if (isObject(value)) {
        if (depth > MAX_LEAF_DEPTH || !walk(value, `${prefix}${key}.`, depth + 1)) return false;
      }
    }
    return true;
  };
  return walk(payload, '', 1) ? out : null;
}

/** The leaves of each row, as the JSON array the roll-up insert takes beside the rows (null = overflow). */
export function leavesJson(payloads: readonly unknown[]): string {
  return `[${payloads.map((p) => JSON.stringify(payloadLeaves(p))).join(',')}]`;
}
