// How the differential test compares one request's answers from two targets: same status; for a
// 200 the same body (timestamps as instants, floats to 1e-9 relative, key order where the API
// fixes it); for a 422 the same (loc, type) entries; for other errors the same error_type and
// reason. Both bodies must also validate against openapi.json.
import { apiKeyOrder } from './api-key-order.js';
import { bodyDifferences } from './compare-bodies.js';
import type { RawResponse } from './http.js';
import { responseViolations } from './openapi-validator.js';

/** Absolute floor for sums that cancel to about zero, where rounding order decides the last bits. */
const ABSOLUTE_TOLERANCE = 1e-12;

function detailKeys(body: unknown): string[] {
  const detail = (body as { detail?: { loc?: unknown; type?: unknown }[] } | undefined)?.detail ?? [];
  return detail.map((d) => JSON.stringify([d.loc, d.type])).sort();
}

export function responseDifferences(path: string, a: RawResponse, b: RawResponse, names: readonly [string, string]): string[] {
  const out: string[] = [];
  for (const [name, res] of [[names[0], a], [names[1], b]] as const) {
    for (const v of responseViolations('post', path, res.status, res.body)) out.push(`${name} breaks openapi.json: ${v}`);
  }
  if (a.status !== b.status) {
    out.push(`status: ${names[0]} ${a.status} ≠ ${names[1]} ${b.status}`);
    return out;
  }
  if (a.status === 200) {
    out.push(...bodyDifferences(a.body, b.body, { keyOrder: apiKeyOrder, absoluteTolerance: ABSOLUTE_TOLERANCE }));
  } else if (a.status === 422) {
    const da = detailKeys(a.body);
    const db = detailKeys(b.body);
    if (da.join('\n') !== db.join('\n')) out.push(`422 detail (loc, type): ${names[0]} ${da.join(' ')} ≠ ${names[1]} ${db.join(' ')}`);
  } else {
    out.push(...bodyDifferences(a.body, b.body));
  }
  return out;
}
