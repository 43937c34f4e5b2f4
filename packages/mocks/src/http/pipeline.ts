// One request through the server's middleware order: auth (401) before the body is read, then
// the body parser (415 charset or encoding, 413, 422 malformed), then the validator (404 unknown
// operation, 415 media type, 422 query string, 422 schema), then the route (403, rules, storage).
// Every answer carries X-Request-Id, errors included. The server's rate limits (429) have no
// counterpart here: the fake serves one test process.
import { ApiError, assertMaxDepth, assertScopeGranted, requestIdFor, type FeedbackOperationName } from '@feedback/semantics';
import type { HttpResponse } from 'msw';
import type { RouteContext } from '../routes/route-context.js';
import type { Authenticate } from './auth.js';
import { readJsonBody } from './json-body.js';
import { assertJsonContentType, assertNoQueryParameters, missingBodyError } from './request-checks.js';
import { errorResponse, jsonResponse } from './responses.js';
import { assertMatchesSchema, type RequestSchemaName } from './schema-validator.js';

/** A feedback operation: the schema its body must match, and what it answers. */
export interface FeedbackOperation<Body> {
  /** Which operation: the scope it needs (SCOPE_REQUIRED). */
  name: FeedbackOperationName;
  schema: RequestSchemaName;
  /** The body limit, when the operation has its own (the server's express.json limit for its path). */
  bodyLimitBytes?: number;
  /** Nesting the body may have, checked before the schema (the server's refuseDeepJson), when the schema is recursive. */
  maxJsonDepth?: number;
  run(body: Body, ctx: RouteContext): unknown;
}

export interface PipelineDeps {
  authenticate: Authenticate;
  context(principal: RouteContext['principal']): RouteContext;
}

/** Answers a request under `/feedback`; `operation` null for a path or method the API lacks. */
export async function answerFeedbackRequest<Body>(
  request: Request,
  operation: FeedbackOperation<Body> | null,
  deps: PipelineDeps,
): Promise<HttpResponse<string>> {
  const requestId = requestIdFor(request.headers.get('x-request-id'));
  try {
    const principal = deps.authenticate(request.headers.get('authorization'));
    // A missing scope is refused before the body is read, as on the server (http/auth.ts requireScopes).
    if (operation !== null) assertScopeGranted(principal.scopes, operation.name);
    const parsed = await readJsonBody(request, operation?.bodyLimitBytes);
    if (operation === null) throw new ApiError('not_found', 'No such endpoint');
    assertJsonContentType(request.headers.get('content-type'));
    assertNoQueryParameters(new URL(request.url));
    if (parsed.kind === 'skipped') throw missingBodyError();
    if (operation.maxJsonDepth !== undefined) assertMaxDepth(parsed.value, operation.maxJsonDepth);
    assertMatchesSchema(operation.schema, parsed.value);
    // The schema check above is what makes the body a Body.
    return jsonResponse(200, operation.run(parsed.value as Body, deps.context(principal)), requestId);
  } catch (err) {
    return errorResponse(err, requestId);
  }
}

/** GET /healthz and /readyz: no auth, no body. */
export function answerHealth(request: Request, check: () => { status: 'ok' | 'ready' }): HttpResponse<string> {
  const requestId = requestIdFor(request.headers.get('x-request-id'));
  try {
    return jsonResponse(200, check(), requestId);
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
