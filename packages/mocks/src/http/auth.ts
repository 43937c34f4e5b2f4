// HTTP Basic auth exactly as the server's http/auth.ts (the same parser, from semantics): username
// `api`, password an API key; 401 for missing/malformed/unknown credentials, 403 for a project the
// key does not grant.
import { ApiError, apiKeyFromBasicAuth, assertProjectGranted } from '@feedback/semantics';
import type { FeedbackFakeApiKey } from '../fake-options.js';

export interface Principal {
  userId: string;
  projects: readonly string[];
}

export type Authenticate = (authorization: string | null) => Principal;

/** Resolves the Authorization header to its principal, or throws the server's 401. */
export function authenticator(keys: readonly FeedbackFakeApiKey[]): Authenticate {
  // Later entries win, as in the server's key map.
  const byKey = new Map(keys.map((k) => [k.key, { userId: k.user, projects: k.projects }]));
  return (authorization) => {
    const key = apiKeyFromBasicAuth(authorization);
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
