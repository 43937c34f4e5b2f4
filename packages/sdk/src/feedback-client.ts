// The client: an openapi-fetch client over the resilient fetch (`raw`, openapi-fetch's own
// `{ data, error, response }` shape), plus one throwing helper per operation that returns the
// typed data or throws FeedbackApiError.
import createClient from 'openapi-fetch';
import type { Client } from 'openapi-fetch';
import type {
  FeedbackAggregateReq,
  FeedbackAggregateRes,
  FeedbackCreateBatchReq,
  FeedbackCreateBatchRes,
  FeedbackCreateReq,
  FeedbackCreateRes,
  FeedbackPayloadSchemaReq,
  FeedbackPayloadSchemaRes,
  FeedbackStatsReq,
  FeedbackStatsRes,
  HealthRes,
  paths,
} from '@feedback/api-types';
import type { FeedbackPurgeReq, FeedbackPurgeRes, FeedbackReplaceReq, FeedbackReplaceRes } from '@feedback/api-types';
import type { FeedbackQueryReq, FeedbackQueryRes, FeedbackQueryRow } from '@feedback/api-types';
import { basicAuthorization } from './basic-auth.js';
import { newClientId } from './client-id.js';
import { resolveClientOptions } from './client-options.js';
import type { FeedbackClientOptions } from './client-options.js';
import { FeedbackApiError } from './feedback-api-error.js';
import { queryPages, queryRows } from './query-pages.js';
import { newRequestId } from './request-id.js';
import { REQUEST_ID_HEADER, createResilientFetch } from './resilient-fetch.js';

/** The openapi-fetch client for the API, with auth, request ids, timeouts and retries applied. */
export type FeedbackRawClient = Client<paths>;

export interface CallOptions {
  /** Cancels the call, retries and backoff included; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

// Bodies are typed with the exact schema types (no generics), so TypeScript's excess-property
// check rejects a misspelled field in an object literal.
export interface FeedbackClient {
  /**
   * POST /feedback/create. Sends a new UUIDv7 as `id` unless `body.id` is set, so the call can be
   * retried after a 503, a network error or a timeout without writing the row twice.
   */
  create(body: FeedbackCreateReq, options?: CallOptions): Promise<FeedbackCreateRes>;
  /**
   * POST /feedback/batch/create: up to 1,000 rows in one request and one transaction, answered in
   * input order. Gives each item without an `id` a new UUIDv7 (once per call, as `create` does), so
   * the call can be retried after a 503, a network error or a timeout without writing a row twice.
   * Atomic by default: the first bad item refuses the whole batch (a FeedbackApiError whose reason
   * starts `batch[<index>]:`) and nothing is written, so every entry of `res` is a row. With
   * `atomic: false` the good items are written and a bad item's error is in its slot of `res`.
   */
  createBatch(body: FeedbackCreateBatchReq & { atomic?: true }, options?: CallOptions): Promise<{ res: FeedbackCreateRes[] }>;
  createBatch(body: FeedbackCreateBatchReq, options?: CallOptions): Promise<FeedbackCreateBatchRes>;
  /** POST /feedback/stats. */
  stats(body: FeedbackStatsReq, options?: CallOptions): Promise<FeedbackStatsRes>;
  /** POST /feedback/aggregate. */
  aggregate(body: FeedbackAggregateReq, options?: CallOptions): Promise<FeedbackAggregateRes>;
  /**
   * POST /feedback/payload_schema: the payload paths of the project's newest rows (at most
   * `max_rows`, default 1,000) and the JSON types found at each; `complete` says whether those
   * were all the matching rows.
   */
  payloadSchema(body: FeedbackPayloadSchemaReq, options?: CallOptions): Promise<FeedbackPayloadSchemaRes>;
  /**
   * POST /feedback/replace: deletes the row `feedback_id` and writes `body` in its place, in one
   * transaction (a refused body changes nothing). Sends a new UUIDv7 as `id` unless `body.id` is
   * set, so the new row's id is known before the call and a retry after a 503, a network error or
   * a timeout answers the row the first attempt wrote instead of a 404.
   */
  replace(body: FeedbackReplaceReq, options?: CallOptions): Promise<FeedbackReplaceRes>;
  /**
   * POST /feedback/purge: deletes rows by id (`query`, Weave's form) or by filter (`where`);
   * answers `num_deleted`. Retried after an unknown outcome only by ids (deleting them again
   * deletes nothing); a filter could also catch rows written in between, so it is not repeated.
   */
  purge(body: FeedbackPurgeReq, options?: CallOptions): Promise<FeedbackPurgeRes>;
  /**
   * POST /feedback/query: one page of rows (`limit`, default 1,000), filtered by a Weave query
   * expression, sorted by `sort_by`; `next_cursor` is null when no row follows.
   */
  query(body: FeedbackQueryReq, options?: CallOptions): Promise<FeedbackQueryRes>;
  /**
   * Every page of a query, in order, following `next_cursor` (`for await (const page of
   * client.queryPages(body))`); `limit` is the page size, `offset` applies before the first page.
   */
  queryPages(body: FeedbackQueryReq, options?: CallOptions): AsyncGenerator<FeedbackQueryRow[], void, undefined>;
  /** The rows of every page of a query, one at a time (`for await (const row of client.queryAll(body))`). */
  queryAll(body: FeedbackQueryReq, options?: CallOptions): AsyncGenerator<FeedbackQueryRow, void, undefined>;
  /** GET /healthz: the process is up. */
  healthz(options?: CallOptions): Promise<HealthRes>;
  /** GET /readyz: the database is reachable; throws a retryable 503 error when it is not. */
  readyz(options?: CallOptions): Promise<HealthRes>;
  /** openapi-fetch's client, returning `{ data, error, response }` instead of throwing on error statuses. */
  raw: FeedbackRawClient;
}

export function createFeedbackClient(options: FeedbackClientOptions): FeedbackClient {
  const settings = resolveClientOptions(options);
  const raw = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: { ...settings.headers, Authorization: basicAuthorization('api', settings.apiKey) },
    fetch: createResilientFetch(settings),
  });

  // The helpers pick the request id themselves so an error can name it even when the response
  // (or a proxy's) does not echo it.
  const init = (requestId: string, call: CallOptions = {}) => ({
    headers: { [REQUEST_ID_HEADER]: requestId },
    signal: call.signal ?? null,
  });

  const query = async (body: FeedbackQueryReq, call?: CallOptions): Promise<FeedbackQueryRes> => {
    const requestId = newRequestId();
    return unwrap(await raw.POST('/feedback/query', { body, ...init(requestId, call) }), requestId);
  };

  return {
    raw,
    async create(body, call) {
      const requestId = newRequestId();
      // Made once per call, before the first attempt: every retry carries the same id, and the
      // server answers a repeat with the row it stored.
      const withId: FeedbackCreateReq = body.id === undefined || body.id === null ? { ...body, id: newClientId() } : body;
      return unwrap(await raw.POST('/feedback/create', { body: withId, ...init(requestId, call) }), requestId);
    },
    // One implementation for both signatures: an atomic batch is answered with rows only (the
    // server refuses the whole batch otherwise), which is what the first signature promises.
    createBatch: (async (body: FeedbackCreateBatchReq, call?: CallOptions): Promise<FeedbackCreateBatchRes> => {
      const requestId = newRequestId();
      // One id per item, made before the first attempt: every retry carries the same ids, and the
      // server answers an item it stored already with the stored row.
      const batch = body.batch.map((item) => (item.id === undefined || item.id === null ? { ...item, id: newClientId() } : item));
      return unwrap(await raw.POST('/feedback/batch/create', { body: { ...body, batch }, ...init(requestId, call) }), requestId);
    }) as FeedbackClient['createBatch'],
    async stats(body, call) {
      const requestId = newRequestId();
      return unwrap(await raw.POST('/feedback/stats', { body, ...init(requestId, call) }), requestId);
    },
    async aggregate(body, call) {
      const requestId = newRequestId();
      return unwrap(await raw.POST('/feedback/aggregate', { body, ...init(requestId, call) }), requestId);
    },
    async payloadSchema(body, call) {
      const requestId = newRequestId();
      return unwrap(await raw.POST('/feedback/payload_schema', { body, ...init(requestId, call) }), requestId);
    },
    async replace(body, call) {
      const requestId = newRequestId();
      // As for create: one id for every attempt, so a repeat is recognised by the server.
      const withId: FeedbackReplaceReq = body.id === undefined || body.id === null ? { ...body, id: newClientId() } : body;
      return unwrap(await raw.POST('/feedback/replace', { body: withId, ...init(requestId, call) }), requestId);
    },
    async purge(body, call) {
      const requestId = newRequestId();
      return unwrap(await raw.POST('/feedback/purge', { body, ...init(requestId, call) }), requestId);
    },
    query,
    queryPages: (body, call) => queryPages((page) => query(page, call), body),
    queryAll: (body, call) => queryRows((page) => query(page, call), body),
    async healthz(call) {
      const requestId = newRequestId();
      return unwrap(await raw.GET('/healthz', init(requestId, call)), requestId);
    },
    async readyz(call) {
      const requestId = newRequestId();
      return unwrap(await raw.GET('/readyz', init(requestId, call)), requestId);
    },
  };
}

interface RawResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function unwrap<T>({ data, error, response }: RawResult<T>, requestId: string): T {
  // Judge by the status, not by `error`: openapi-fetch leaves `error` undefined for an error
  // status with an empty body.
  if (!response.ok) throw FeedbackApiError.fromResponse(response, error, requestId);
  if (data === undefined) {
    const id = response.headers.get(REQUEST_ID_HEADER) ?? requestId;
    throw new FeedbackApiError({
      kind: 'http',
      message: `${response.status} response without a body [request id ${id}]`,
      status: response.status,
      requestId: id,
    });
  }
  return data;
}
