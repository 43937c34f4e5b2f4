import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFor as sharedRequestIdFor } from '@feedback/semantics';

/** The request's id (a safe incoming X-Request-Id, or a new one), echoed on the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = sharedRequestIdFor(typeof incoming === 'string' ? incoming : undefined);
  res.setHeader('X-Request-Id', id);
  return id;
}
