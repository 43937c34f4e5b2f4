// HTTP Basic auth exactly as the server's http/auth.ts (the same parser, from semantics): username
// `api`, password an API key; 401 for missing/malformed/unknown/expired credentials, 403 for a
// scope or a project the key does not grant.
import { ApiError, apiKeyFromBasicAuth, assertProjectGranted, DEFAULT_KEY_SCOPES, expiredKeyError, isKeyExpired, type KeyScope } from '@feedback/semantics';
import type { FeedbackFakeApiKey } from '../fake-options.js';

export interface Principal {
  userId: string;
  projects: readonly string[];
  scopes: readonly KeyScope[];
}

export type Authenticate = (authorization: string | null) => Principal;

/** Resolves the Authorization header to its principal, or throws the server's 401. */
export function authenticator(keys: readonly FeedbackFakeApiKey[], now: () => number = Date.now): Authenticate {
  // Later entries win, as in the server's key map.
  const byKey = new Map(
    keys.map((k) => [
      k.key,
      { principal: { userId: k.user, projects: k.projects, scopes: k.scopes ?? DEFAULT_KEY_SCOPES }, expiresAtMs: k.expiresAt === undefined ? null : Date.parse(k.expiresAt) },
    ]),
  );
  return (authorization) => {
    const key = apiKeyFromBasicAuth(authorization);
    if (key === undefined) {
      throw new ApiError('unauthorized', 'Missing or invalid credentials: use HTTP Basic with username "api" and an API key as password');
    }
    const found = byKey.get(key);
    if (found === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials: unknown API key');
    if (isKeyExpired(found.expiresAtMs, now())) throw expiredKeyError();
    return found.principal;
  };
}

/** 403 unless the key grants `projectId`; says nothing about whether the project has data. */
export function assertProjectAccess(principal: Principal, projectId: string): void {
  assertProjectGranted(principal.projects, projectId);
}
