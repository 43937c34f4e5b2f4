import { Router, type RequestHandler } from 'express';
import {
  ApiError,
  apiKeyFromBasicAuth,
  assertProjectGranted,
  assertScopeGranted,
  expiredKeyError,
  revokedKeyError,
  SCOPE_REQUIRED,
  type FeedbackOperationName,
} from '@feedback/semantics';
import type { KeyStore, Principal } from '../keys/key-store.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** Whose key this was, valid or not (expired, revoked): for the request log line. */
    keyOwner?: { userId: string; keyId: string };
  }
}

/** HTTP Basic: username `api`, password = API key. Runs before body validation: 401 comes first. */
export function requireApiKey(keys: KeyStore): RequestHandler {
  return (req, _res, next) => {
    const key = apiKeyFromBasicAuth(req.headers.authorization);
    if (key === undefined) {
      next(new ApiError('unauthorized', 'Missing or invalid credentials: use HTTP Basic with username "api" and an API key as password'));
      return;
    }
    keys.lookup(key).then((found) => {
      switch (found.status) {
        case 'valid':
          req.principal = found.principal;
          req.keyOwner = found.principal;
          next();
          return;
        case 'unknown':
          next(new ApiError('unauthorized', 'Missing or invalid credentials: unknown API key'));
          return;
        case 'expired':
          req.keyOwner = found;
          next(expiredKeyError());
          return;
        case 'revoked':
          req.keyOwner = found;
          next(revokedKeyError());
      }
    }, next);
  };
}

/**
 * 403 unless the caller's key has the scope the operation needs (SCOPE_REQUIRED), before the
 * body is validated: a key that may only write learns nothing about the read operations. Routed
 * like the operations themselves, so no spelling of a path reaches one without this check.
 */
export function requireScopes(): Router {
  const router = Router();
  for (const operation of Object.keys(SCOPE_REQUIRED) as FeedbackOperationName[]) {
    router.post(`/feedback/${operation}`, (req, _res, next) => {
      if (req.principal === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials');
      assertScopeGranted(req.principal.scopes, operation);
      next();
    });
  }
  return router;
}

/** 403 unless the caller's key grants `projectId`; says nothing about whether the project has data. */
export function assertProjectAccess(principal: Principal | undefined, projectId: string): Principal {
  if (principal === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials');
  assertProjectGranted(principal.projects, projectId);
  return principal;
}
