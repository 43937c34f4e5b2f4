// Whole-body comparison for the contract and the differential tests: the same JSON, with two
// allowances that carry no meaning on the wire: ISO 8601 timestamps compare as instants
// (`…T05:00:00Z` equals `…T00:00:00-05:00`), and numbers to a relative tolerance (PostgreSQL and
// JavaScript may add floats in a different order). Key order is compared where the API fixes it
// (see api-key-order.ts).

export interface CompareOptions {
  /** Largest accepted |a − b| / max(|a|, |b|). Default 1e-9. */
  relativeTolerance?: number;
  /**
   * Largest accepted |a − b| whatever the magnitudes. Default 0. Sums that cancel to (almost)
   * zero differ by rounding noise that no relative tolerance accepts.
   */
  absoluteTolerance?: number;
  /**
   * Whether object keys must come in the same order: always, never, or for the objects a
   * predicate picks by path (`$.buckets[0]`) and expected value. Default true.
   */
  keyOrder?: boolean | ((path: string, expected: Record<string, unknown>) => boolean);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function instantOf(s: string): number | undefined {
  if (!ISO_DATE_TIME.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function numbersClose(a: number, b: number, relative: number, absolute: number): boolean {
  if (a === b) return true;
  const diff = Math.abs(a - b);
  return diff <= absolute || diff <= relative * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Where `actual` and `expected` differ, one line per difference (`$.buckets[3].count: 2 ≠ 3`);
 * `[]` when they are the same body.
 */
export function bodyDifferences(actual: unknown, expected: unknown, options: CompareOptions = {}, path = '$'): string[] {
  const relative = options.relativeTolerance ?? 1e-9;
  const absolute = options.absoluteTolerance ?? 0;
  const ka = kindOf(actual);
  const ke = kindOf(expected);
  if (ka !== ke) return [`${path}: ${show(actual)} (${ka}) ≠ ${show(expected)} (${ke})`];
  if (typeof actual === 'number' && typeof expected === 'number') {
    return numbersClose(actual, expected, relative, absolute) ? [] : [`${path}: ${actual} ≠ ${expected}`];
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (actual === expected) return [];
    const ia = instantOf(actual);
    const ie = instantOf(expected);
    if (ia !== undefined && ia === ie) return [];
    return [`${path}: ${show(actual)} ≠ ${show(expected)}`];
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const out: string[] = [];
    if (actual.length !== expected.length) out.push(`${path}: ${actual.length} items ≠ ${expected.length} items`);
    const n = Math.min(actual.length, expected.length);
    for (let i = 0; i < n; i++) out.push(...bodyDifferences(actual[i], expected[i], options, `${path}[${i}]`));
    return out;
  }
  if (ka === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const keysA = Object.keys(a);
    const keysE = Object.keys(e);
    const out: string[] = [];
    const missing = keysE.filter((k) => !Object.hasOwn(a, k));
    const extra = keysA.filter((k) => !Object.hasOwn(e, k));
    if (missing.length > 0) out.push(`${path}: missing keys ${missing.join(', ')}`);
    if (extra.length > 0) out.push(`${path}: unexpected keys ${extra.join(', ')}`);
    const keyOrder = options.keyOrder ?? true;
    const ordered = typeof keyOrder === 'function' ? keyOrder(path, e) : keyOrder;
    if (ordered && missing.length === 0 && extra.length === 0 && keysA.join('\u0000') !== keysE.join('\u0000')) {
      out.push(`${path}: key order ${keysA.join(',')} ≠ ${keysE.join(',')}`);
    }
    for (const k of keysE) {
      if (Object.hasOwn(a, k)) out.push(...bodyDifferences(a[k], e[k], options, `${path}.${k}`));
    }
    return out;
  }
  return actual === expected ? [] : [`${path}: ${show(actual)} ≠ ${show(expected)}`];
}
