// Which requests may be sent again after a failure whose outcome is unknown (503, network error,
// timeout). Decided from the request itself so the raw openapi-fetch client and the throwing
// helpers share one rule.

const CREATE_PATH = '/feedback/create';
const BATCH_CREATE_PATH = '/feedback/batch/create';

/** A batch may be repeated when every item carries a client id: the repeat then meets the stored rows. */
function everyItemHasId(json: string): boolean {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || !('batch' in parsed) || !Array.isArray(parsed.batch)) return false;
    return parsed.batch.every((item: unknown) => typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string' && item.id !== '');
  } catch {
    return false;
  }
}
// Replace deletes a row and writes another: repeated with the same client id, the server answers
// with the row the first attempt wrote; without one, the repeat finds the row gone (404) or, worse,
// writes a second copy after someone re-created it. Purge by ids deletes the same rows again
// (nothing, the second time); purge by filter could also take rows written in between, so the
// caller decides.
const REPLACE_PATH = '/feedback/replace';
const PURGE_PATH = '/feedback/purge';

function hasClientId(json: string): boolean {
  const id = clientIdOf(json);
  return typeof id === 'string' && id !== '';
}

function purgesByIds(json: string): boolean {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && 'query' in parsed && !('where' in parsed);
  } catch {
    return false;
  }
}

/**
 * Stats, aggregate and the health probes only read, so repeating them is harmless. Create writes
 * a row: it is safe to repeat only when the body carries a client `id`, because the server then
 * answers a repeat with the stored row instead of writing a second one.
 */
export function isRetrySafe(pathname: string, body: ArrayBuffer | null): boolean {
  if (pathname.endsWith(BATCH_CREATE_PATH)) return body !== null && everyItemHasId(new TextDecoder().decode(body));
  if (pathname.endsWith(REPLACE_PATH)) return body !== null && hasClientId(new TextDecoder().decode(body));
  if (pathname.endsWith(PURGE_PATH)) return body !== null && purgesByIds(new TextDecoder().decode(body));
  if (!pathname.endsWith(CREATE_PATH)) return true;
  if (body === null) return false;
  const id = clientIdOf(new TextDecoder().decode(body));
  return typeof id === 'string' && id !== '';
}

function clientIdOf(json: string): unknown {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}
