// A JSON value as PostgreSQL's jsonb gives it back: what JSON.stringify writes (non-finite
// numbers become null, undefined members vanish), with every object's keys in jsonb's order —
// shorter keys first, then by bytes — so a stored payload reads back exactly as the server's does.
import { compareCodePoints, utf8ByteLength } from '@feedback/semantics';

/** jsonb's key order: by UTF-8 length, then bytewise (code point order is byte order in UTF-8). */
export function compareJsonbKeys(a: string, b: string): number {
  return utf8ByteLength(a) - utf8ByteLength(b) || compareCodePoints(a, b);
}

function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  // Object.fromEntries keeps a "__proto__" key as an ordinary member, as JSON.parse does.
  return Object.fromEntries(Object.keys(record).sort(compareJsonbKeys).map((k) => [k, reorder(record[k])]));
}

export function jsonbCopy<T>(value: T): T {
  return reorder(JSON.parse(JSON.stringify(value)) as unknown) as T;
}
