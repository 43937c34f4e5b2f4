import type { RequestHandler } from 'express';
import type { FeedbackQueryReq } from '@feedback/api-types';
import { assembleQueryResponse, checkQueryRequest, queryAnswerTooLarge } from '@feedback/semantics';
import type { RouteDeps } from '../app.js';
import { assertProjectAccess } from '../http/auth.js';
import { runFeedbackQuery } from '../sql/feedback-query.js';
import { readTimedOut } from './read-timeout.js';

export function queryRoute({ db }: RouteDeps): RequestHandler {
  return async (req, res) => {
    const body = req.body as FeedbackQueryReq;
    assertProjectAccess(req.principal, body.project_id);
    const q = checkQueryRequest(body);
    const found = await runFeedbackQuery(db, q).catch(readTimedOut('query'));
    if (found.overGuard) throw queryAnswerTooLarge();
    res.json(assembleQueryResponse(q, found.rows));
  };
}
