import type { RequestHandler } from 'express';
import { ApiError, assertProjectGranted } from '@feedback/semantics';
import type { KeyStore, Principal } from '../keys/key-store.js';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

const USERNAME = 'api';

function parseBasic(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (m?.[1] === undefined) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.slice(0, colon) !== USERNAME) return undefined;
  const key = decoded.slice(colon + 1);
  return key.length > 0 ? key : undefined;
}

/** HTTP Basic: username `api`, password = API key. Runs before body validation: 401 comes first. */
export function requireApiKey(keys: KeyStore): RequestHandler {
  return (req, _res, next) => {
    const key = parseBasic(req.headers.authorization);
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
