import type { RequestHandler } from 'express';
import { ApiError, apiKeyFromBasicAuth, assertProjectGranted } from '@feedback/semantics';
import type { KeyStore, Principal } from '../keys/key-store.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
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
    keys.lookup(key).then(
      (principal) => {
        if (principal === undefined) {
          next(new ApiError('unauthorized', 'Missing or invalid credentials: unknown API key'));
          return;
        }
        req.principal = principal;
        next();
      },
      next,
    );
  };
}

/** 403 unless the caller's key grants `projectId`; says nothing about whether the project has data. */
export function assertProjectAccess(principal: Principal | undefined, projectId: string): Principal {
  if (principal === undefined) throw new ApiError('unauthorized', 'Missing or invalid credentials');
  assertProjectGranted(principal.projects, projectId);
  return principal;
}
