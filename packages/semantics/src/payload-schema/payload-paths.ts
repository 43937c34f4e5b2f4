// The paths of a payload that a stats metric can name, with the JSON type found at each: the walk
// behind /feedback/payload_schema. The fake runs it over its rows; the server's SQL
// (sql/payload-schema-query.ts) walks the same way with jsonb_each, bound by the same constants.
//
// A path is what `json_path` accepts: object keys joined by `.`, each key of the characters
// `[A-Za-z0-9_ ]` (a key holding a `.` could never be named, since `.` separates keys), the whole
// at most 256 characters. Arrays are leaves, as json_path never indexes them.

/** The JSON types a value can have, in the order a path's `types` lists them. */
export const PAYLOAD_VALUE_TYPES = ['number', 'boolean', 'string', 'object', 'array', 'null'] as const;
export type PayloadValueType = (typeof PAYLOAD_VALUE_TYPES)[number];

/** A key a json_path segment can name; as text so PostgreSQL's regex reads the same pattern. */
export const PAYLOAD_KEY_PATTERN = '^[A-Za-z0-9_ ]+$';
/** Paths longer than a `json_path` may be (the stats schema's bound) are not reported. */
export const MAX_PAYLOAD_PATH_CHARS = 256;
/** Keys nested deeper are not opened: an object at this depth is reported as `object`. */
export const MAX_PAYLOAD_PATH_DEPTH = 8;

const KEY = new RegExp(PAYLOAD_KEY_PATTERN);

/** Per path, rows seen per JSON type; plus the object members passed over. */
export interface PayloadPathTally {
  readonly byPath: Map<string, Map<PayloadValueType, number>>;
  /** Members whose key (or whole path) json_path cannot name; their values are not opened. */
  skippedKeys: number;
}

export function emptyPayloadPathTally(): PayloadPathTally {
  return { byPath: new Map(), skippedKeys: 0 };
}

export function payloadValueType(value: unknown): PayloadValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `key`, appended to `parent` (`''` at the top), makes a path json_path can name. */
export function isNameablePath(parent: string, key: string): boolean {
  const length = parent === '' ? key.length : parent.length + 1 + key.length;
  return KEY.test(key) && length <= MAX_PAYLOAD_PATH_CHARS;
}

/**
 * Adds one payload to the tally: every nameable path down to MAX_PAYLOAD_PATH_DEPTH keys, once,
 * with the type of its value. A payload that is not an object (never stored) adds nothing.
 */
export function tallyPayloadPaths(tally: PayloadPathTally, payload: unknown): void {
  if (!isJsonObject(payload)) return;
  const stack: { prefix: string; depth: number; value: Record<string, unknown> }[] = [{ prefix: '', depth: 1, value: payload }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    // Object.keys sees every own key, "__proto__" included when it came from JSON.parse.
    for (const key of Object.keys(item.value)) {
      if (!isNameablePath(item.prefix, key)) {
        tally.skippedKeys += 1;
        continue;
      }
      const path = item.prefix === '' ? key : `${item.prefix}.${key}`;
      const value = item.value[key];
      const type = payloadValueType(value);
      let types = tally.byPath.get(path);
      if (types === undefined) {
        types = new Map();
        tally.byPath.set(path, types);
      }
      types.set(type, (types.get(type) ?? 0) + 1);
      if (isJsonObject(value) && item.depth < MAX_PAYLOAD_PATH_DEPTH) stack.push({ prefix: path, depth: item.depth + 1, value });
    }
  }
}

/** One (path, type) with the number of rows where the path holds a value of that type. */
export interface PathTypeCount {
  path: string;
  type: PayloadValueType;
  count: number;
}

export function pathTypeCounts(tally: PayloadPathTally): PathTypeCount[] {
  const out: PathTypeCount[] = [];
  for (const [path, types] of tally.byPath) for (const [type, count] of types) out.push({ path, type, count });
  return out;
}
