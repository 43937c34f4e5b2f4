// A body nested deeper than the limit is refused before the schema validator sees it: the query
// expression's schema is recursive, and a validator walking a body nested a million levels deep
// would overflow its stack (a 500). The walk here is iterative.
import type { RequestHandler } from 'express';
import { assertMaxDepth } from '@feedback/semantics';

export function refuseDeepJson(maxDepth: number): RequestHandler {
  return (req, _res, next) => {
    assertMaxDepth(req.body, maxDepth);
    next();
  };
}
