// POST /feedback/purge: the request resolved by the shared rules (ids in Weave's form, or our
// filter), then one DELETE and, in the same transaction, the roll-ups of the cells it removed
// rolled-up rows from recomputed. Statistics reflect it at once.
import type { RequestHandler } from 'express';
import type { FeedbackPurgeReq } from '@feedback/api-types';
import { assemblePurgeResponse, checkPurgeRequest } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { purgeWithRollups } from '../rollups/purge-with-rollups.js';

export function purgeRoute({ db }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackPurgeReq;
    assertProjectAccess(req.principal, body.project_id);
    const request = checkPurgeRequest(body);
    res.json(assemblePurgeResponse(await purgeWithRollups(db, request)));
  };
}
