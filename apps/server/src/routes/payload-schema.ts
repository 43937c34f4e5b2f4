import type { RequestHandler } from 'express';
import type { FeedbackPayloadSchemaReq } from '@feedback/api-types';
import { assemblePayloadSchemaResponse, checkPayloadSchemaRequest } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { runPayloadSchemaQuery } from '../sql/payload-schema-query.js';
import { readTimedOut } from './read-timeout.js';

export function payloadSchemaRoute({ db }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackPayloadSchemaReq;
    assertProjectAccess(req.principal, body.project_id);
    const q = checkPayloadSchemaRequest(body);
    const counts = await runPayloadSchemaQuery(db, q).catch(readTimedOut('payloadSchema'));
    res.json(assemblePayloadSchemaResponse(counts));
  };
}
