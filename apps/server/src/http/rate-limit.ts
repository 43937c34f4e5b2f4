// Per-address limits before authentication (an anonymous flood is refused before any key lookup),
// per-key limits after it (before the body is read). 429 with Retry-After and the IETF RateLimit
// headers (draft-ietf-httpapi-ratelimit-headers, as openapi.json declares them).
import type { Request, RequestHandler, Response } from 'express';
import { ApiError } from '@feedback/semantics';
import type { RateLimitDecision, WindowLimiter } from '../rate-limit/window-limiter.js';
import { addressBucket } from './client-address.js';

export interface RateLimitSettings {
  /** Requests per window per API key; 0 turns the limit off. */
  perKey: number;
  /** Requests per window per client address (an IPv6 /64), counted before authentication; 0 = off. */
  perAddress: number;
}

/** Requests per minute: far above one busy client, far below what floods the server. */
export const RATE_LIMIT_DEFAULTS: RateLimitSettings = { perKey: 60_000, perAddress: 120_000 };

const passThrough: RequestHandler = (_req, _res, next) => {
  next();
};

function setLimitHeaders(res: Response, d: RateLimitDecision): void {
  res.setHeader('RateLimit-Policy', `${d.limit};w=${d.windowSeconds}`);
  res.setHeader('RateLimit', `limit=${d.limit}, remaining=${d.remaining}, reset=${d.resetSeconds}`);
}

function refusal(res: Response, d: RateLimitDecision, whose: string): ApiError {
  setLimitHeaders(res, d);
  res.setHeader('Retry-After', String(d.resetSeconds));
  return new ApiError(
    'rate_limited',
    `Rate limit of ${d.limit} requests per ${d.windowSeconds} s for ${whose} exceeded; retry in ${d.resetSeconds} s`,
  );
}

/** Counts every request from the client's address; `addressOf` is the peer, or X-Forwarded-For's client behind trusted proxies. */
export function limitPerAddress(limiter: WindowLimiter, limit: number, addressOf: (req: Request) => string | undefined): RequestHandler {
  if (limit === 0) return passThrough;
  return (req, res, next) => {
    const d = limiter.take(`a:${addressBucket(addressOf(req))}`, limit);
    next(d.allowed ? undefined : refusal(res, d, 'this client address'));
  };
}

/** Counts requests of an authenticated key (by its public id); its answers carry the key's RateLimit headers. */
export function limitPerKey(limiter: WindowLimiter, limit: number): RequestHandler {
  if (limit === 0) return passThrough;
  return (req, res, next) => {
    // Authentication has passed when this runs, so the principal is there.
    const keyId = req.principal?.keyId;
    if (keyId === undefined) {
      next();
      return;
    }
    const d = limiter.take(`k:${keyId}`, limit);
    if (!d.allowed) {
      next(refusal(res, d, 'this API key'));
      return;
    }
    setLimitHeaders(res, d);
    next();
  };
}
