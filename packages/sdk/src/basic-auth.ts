// HTTP Basic credentials built with TextEncoder + btoa, so they work in browsers and Node alike
// (no Buffer) and survive non-ASCII keys: btoa alone throws on characters above U+00FF.

/** The `Authorization` header value for HTTP Basic with these credentials, UTF-8 encoded. */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
