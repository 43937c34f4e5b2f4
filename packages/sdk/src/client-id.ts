// The id the SDK gives every create that has none, so that repeating the call after an unknown
// outcome (a 503 or a dropped connection after the row was committed) finds the stored row
// instead of writing a second one. UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random
// bits, so ids sort by creation time and keep the server's primary-key index append-mostly.
// A dozen lines of our own rather than a dependency: the SDK runs in browsers, and a shared
// package would bring the server's rules into the bundle.

/** A UUIDv7 for `nowMs`. Random bits come from Web Crypto, or Math.random where it is missing. */
export function newClientId(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f); // version 7
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f); // variant 10
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const cryptoApi: Partial<Crypto> | undefined = globalThis.crypto;
  if (typeof cryptoApi?.getRandomValues === 'function') {
    cryptoApi.getRandomValues(bytes);
  } else {
    for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  }
  return bytes;
}
