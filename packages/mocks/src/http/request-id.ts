// X-Request-Id as the server's http/request-id.ts: a well-formed incoming id is echoed (so
// callers can correlate), anything else is replaced by a fresh UUID.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(incoming: string | null): string {
  return incoming !== null && SAFE_ID.test(incoming) ? incoming : globalThis.crypto.randomUUID();
}
