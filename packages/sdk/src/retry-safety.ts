// Which requests may be sent again after a failure whose outcome is unknown (503, network error,
// timeout). Decided from the request itself so the raw openapi-fetch client and the throwing
// helpers share one rule.

const CREATE_PATH = '/feedback/create';

/**
 * Stats, aggregate and the health probes only read, so repeating them is harmless. Create writes
 * a row: it is safe to repeat only when the body carries a client `id`, because the server then
 * answers a repeat with the stored row instead of writing a second one.
 */
export function isRetrySafe(pathname: string, body: ArrayBuffer | null): boolean {
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
