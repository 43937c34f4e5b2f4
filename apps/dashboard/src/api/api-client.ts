// One API client per key: the SDK's client (auth, request ids, timeouts, retries) and the
// TanStack Query binding over its openapi-fetch client, so every hook is typed by the spec.
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import type { paths } from '@feedback/api-types';
import createQueryHooks, { type OpenapiQueryClient } from 'openapi-react-query';

export interface Api {
  client: FeedbackClient;
  $api: OpenapiQueryClient<paths>;
}

export function createApi(baseUrl: string, apiKey: string): Api {
  // The dashboard retries once: a view re-asks on its own (refresh, navigation), and a user waiting
  // on a chart should hear about a failure soon.
  const client = createFeedbackClient({
    baseUrl,
    apiKey,
    retries: 1,
    timeoutMs: 30_000,
    // The key travels in Authorization; no cookies are needed. Without credentials the browser
    // also hands a 401 (whose WWW-Authenticate names Basic) to the app instead of opening its own
    // password prompt, which would hold the request until someone answers it.
    fetch: (request) => globalThis.fetch(request, { credentials: 'omit' }),
  });
  return { client, $api: createQueryHooks(client.raw) };
}
