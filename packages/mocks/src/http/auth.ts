// HTTP Basic auth exactly as the server's http/auth.ts: username `api`, password an API key;
// 401 for missing/malformed/unknown credentials, 403 for a project the key does not grant.
import { ApiError, assertProjectGranted } from '@feedback/semantics';
import type { FeedbackFakeApiKey } from '../fake-options.js';
import { decodeBase64Lenient } from './base64.js';

export interface Principal {
  userId: string;
  projects: readonly string[];
}

const USERNAME = 'api';
const utf8 = new TextDecoder();

function keyFromBasic(header: string | null): string | undefined {
  if (header === null) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (m?.[1] === undefined) return undefined;
  const decoded = utf8.decode(decodeBase64Lenient(m[1]));
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== USERNAME) return undefined;
  const key = decoded.slice(colon + 1);
  return key.length > 0 ? key : undefined;
}

export type Authenticate = (authorization: string | null) => Principal;

/** Resolves the Authorization header to its principal, or throws the server's 401. */
export function authenticator(keys: readonly FeedbackFakeApiKey[]): Authenticate {
  // Later entries win, as in the server's key map.
  const byKey = new Map(keys.map((k) => [k.key, { userId: k.user, projects: k.projects }]));
  return (authorization) => {
    const key = keyFromBasic(authorization);
    if (key === undefined) {
      throw new ApiError('unauthorized', 'Missing or invalid credentials: use HTTP Basic with username "api" and an API key as password');
    }
    const principal = byKey.get(key);
    if (principal === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials: unknown API key');
    return principal;
  };
}

/** 403 unless the key grants `projectId`; says nothing about whether the project has data. */
export function assertProjectAccess(principal: Principal, projectId: string): void {
  assertProjectGranted(principal.projects, projectId);
}
