// The keyset cursor (our extension): the sort key of the last row of a page, so the next page
// starts right after it whatever was inserted meanwhile, and is as cheap on the millionth row as on
// the first. Opaque to clients: base64url of JSON `{v: 1, s: <sort_by as requested>, k: [keys]}`.
// Not signed: it only says where to start, every value in it is checked and bound as a parameter.
import { invalidRequest } from '../errors.js';
import { decodeBase64Lenient } from '../access/base64.js';
import { hasUnstorableText } from '../values/strings.js';
import { componentType, type SortSpec } from './sort.js';

export type SortKey = boolean | number | string;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63] as string;
    out += ALPHABET[(n >> 12) & 63] as string;
    if (b !== undefined) out += ALPHABET[(n >> 6) & 63] as string;
    if (c !== undefined) out += ALPHABET[n & 63] as string;
  }
  return out;
}

export function encodeCursor(sort: SortSpec, keys: readonly SortKey[]): string {
  return base64Url(new TextEncoder().encode(JSON.stringify({ v: 1, s: sort.requested, k: keys })));
}

const BAD_CURSOR = 'Invalid cursor: pass the next_cursor of a previous answer unchanged';

/** The keys a cursor holds, checked against the request's sort; a 400 when it is not one of ours or of another sort_by. */
export function decodeCursor(sort: SortSpec, cursor: string): SortKey[] {
  if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalidRequest(BAD_CURSOR);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64Lenient(cursor)));
  } catch {
    throw invalidRequest(BAD_CURSOR);
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidRequest(BAD_CURSOR);
  const { v, s, k } = parsed as Record<string, unknown>;
  if (v !== 1 || !Array.isArray(k)) throw invalidRequest(BAD_CURSOR);
  if (JSON.stringify(s) !== JSON.stringify(sort.requested)) {
    throw invalidRequest('This cursor belongs to another sort_by: send the sort_by of the request that returned it');
  }
  if (k.length !== sort.components.length) throw invalidRequest(BAD_CURSOR);
  sort.components.forEach((c, i) => {
    const key: unknown = k[i];
    const type = componentType(c);
    if (typeof key !== type) throw invalidRequest(BAD_CURSOR);
    if (typeof key === 'number' && (c.kind === 'time' ? !Number.isSafeInteger(key) : !Number.isFinite(key))) throw invalidRequest(BAD_CURSOR);
    if (typeof key === 'string' && hasUnstorableText(key)) throw invalidRequest(BAD_CURSOR);
  });
  return k as SortKey[];
}
