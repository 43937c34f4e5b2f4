// Request ids let a caller match an error to a server log line. crypto.randomUUID is missing
// outside secure contexts (plain-http pages) and in some older runtimes, hence the fallbacks.

/** A fresh id for the `X-Request-Id` header: a UUID when the platform has one, else 32 hex digits. */
export function newRequestId(): string {
  const cryptoApi: Partial<Crypto> | undefined = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof cryptoApi?.getRandomValues === 'function') {
    cryptoApi.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
