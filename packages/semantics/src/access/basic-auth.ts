// HTTP Basic credentials of the API: username `api`, password an API key. One parser for the
// server and the fakes (which also run in browsers: no Buffer here).
import { decodeBase64Lenient } from './base64.js';

export const BASIC_AUTH_USERNAME = 'api';
const utf8 = new TextDecoder();

/** The API key in an Authorization header, or undefined when it is missing or malformed. */
export function apiKeyFromBasicAuth(header: string | null | undefined): string | undefined {
  if (header === null || header === undefined) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (m?.[1] === undefined) return undefined;
  const decoded = utf8.decode(decodeBase64Lenient(m[1]));
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== BASIC_AUTH_USERNAME) return undefined;
  const key = decoded.slice(colon + 1);
  return key.length > 0 ? key : undefined;
}
