import type { ErrorRequestHandler } from 'express';

/**
 * For a request refused before its body is read (401, 429, 415): the body is never parsed nor
 * inflated. Node discards what is left of it after the answer, to keep the connection; a body
 * over the size limit, or of undeclared length, closes the connection instead, so that an
 * anonymous client cannot make the server read an unbounded upload.
 */
export function closeOnUnreadBody(bodyLimitBytes: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!req.complete) {
      const declared = Number(req.headers['content-length'] ?? Number.NaN);
      if (!(declared <= bodyLimitBytes)) res.setHeader('Connection', 'close');
    }
    next(err);
  };
}
