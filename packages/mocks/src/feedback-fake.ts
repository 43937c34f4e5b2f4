// The in-memory fake of the feedback API: MSW handlers over one FeedbackStore, plus the helpers
// a test needs to look at and reset that state.
import { http, type HttpHandler } from 'msw';
import type { FeedbackCreateBatchReq } from '@feedback/api-types';
import { BATCH_BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from '@feedback/semantics';
import type { FeedbackPurgeReq, FeedbackReplaceReq } from '@feedback/api-types';
import type { FeedbackQueryReq } from '@feedback/api-types';
import type { FeedbackAggregateReq, FeedbackCreateReq, FeedbackPayloadSchemaReq, FeedbackStatsReq } from '@feedback/api-types';
import { resolveFakeOptions, type FeedbackFakeOptions, type FeedbackSeedRow } from './fake-options.js';
import { authenticator } from './http/auth.js';
import { answerFeedbackRequest, answerHealth, type FeedbackOperation, type PipelineDeps } from './http/pipeline.js';
import { unavailableError } from './http/responses.js';
import { aggregateFeedback } from './routes/aggregate-route.js';
import { createFeedback } from './routes/create-route.js';
import { purgeFeedback } from './routes/purge-route.js';
import { queryFeedback } from './routes/query-route.js';
import { replaceFeedback } from './routes/replace-route.js';
import { createFeedbackBatch } from './routes/create-batch-route.js';
import { payloadSchema } from './routes/payload-schema-route.js';
import type { RouteContext } from './routes/route-context.js';
import { feedbackStats } from './routes/stats-route.js';
import { FeedbackStore } from './store/feedback-store.js';
import { parseSeedRows } from './store/seed-rows.js';
import { toPublicRow, type FeedbackFakeRow, type StoredFeedback } from './store/stored-feedback.js';

export interface FeedbackFake {
  /** The MSW handlers: pass them to `setupServer(...fake.handlers)` or `setupWorker(...fake.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The root URL the handlers answer under, without a trailing slash. */
  readonly baseUrl: string;
  /** Copies of every stored row, in insertion order. */
  rows(): FeedbackFakeRow[];
  /** Adds rows as the `rows` option does (checked the same way; an existing project/id is skipped). */
  seed(rows: readonly FeedbackSeedRow[]): void;
  /** Back to the seed rows of the options, and available again. */
  reset(): void;
  /**
   * `false` makes every feedback call and /readyz answer 503 with `Retry-After: 1`, as the server
   * does when its database is unreachable (after auth and validation, as there); /healthz stays up.
   */
  setAvailable(available: boolean): void;
}

const CREATE: FeedbackOperation<FeedbackCreateReq> = { name: 'create', schema: 'FeedbackCreateReq', run: createFeedback };
const CREATE_BATCH: FeedbackOperation<FeedbackCreateBatchReq> = {
  name: 'batch/create',
  schema: 'FeedbackCreateBatchReq',
  bodyLimitBytes: BATCH_BODY_LIMIT_BYTES,
  run: createFeedbackBatch,
};
const STATS: FeedbackOperation<FeedbackStatsReq> = { name: 'stats', schema: 'FeedbackStatsReq', run: feedbackStats };
const AGGREGATE: FeedbackOperation<FeedbackAggregateReq> = { name: 'aggregate', schema: 'FeedbackAggregateReq', run: aggregateFeedback };
const REPLACE: FeedbackOperation<FeedbackReplaceReq> = { name: 'replace', schema: 'FeedbackReplaceReq', run: replaceFeedback };
const PURGE: FeedbackOperation<FeedbackPurgeReq> = { name: 'purge', schema: 'FeedbackPurgeReq', run: purgeFeedback };
const QUERY: FeedbackOperation<FeedbackQueryReq> = { name: 'query', schema: 'FeedbackQueryReq', maxJsonDepth: MAX_JSON_DEPTH, run: queryFeedback };
const PAYLOAD_SCHEMA: FeedbackOperation<FeedbackPayloadSchemaReq> = { name: 'payload_schema', schema: 'FeedbackPayloadSchemaReq', run: payloadSchema };

export function createFeedbackFake(options: FeedbackFakeOptions = {}): FeedbackFake {
  const opts = resolveFakeOptions(options);
  const seeds: readonly StoredFeedback[] = parseSeedRows(opts.seedRows);
  const store = new FeedbackStore();
  let available = true;
  const assertAvailable = (): void => {
    if (!available) throw unavailableError();
  };
  const reset = (): void => {
    store.clear();
    for (const row of seeds) store.insert(row);
    available = true;
  };
  reset();

  const deps: PipelineDeps = {
    authenticate: authenticator(opts.apiKeys, opts.now),
    context: (principal): RouteContext => ({ principal, now: opts.now, store, assertAvailable }),
  };
  const url = (path: string) => `${opts.baseUrl}${path}`;
  const handlers: HttpHandler[] = [
    http.post(url('/feedback/create'), ({ request }) => answerFeedbackRequest(request, CREATE, deps)),
    http.post(url('/feedback/batch/create'), ({ request }) => answerFeedbackRequest(request, CREATE_BATCH, deps)),
    http.post(url('/feedback/stats'), ({ request }) => answerFeedbackRequest(request, STATS, deps)),
    http.post(url('/feedback/aggregate'), ({ request }) => answerFeedbackRequest(request, AGGREGATE, deps)),
    http.post(url('/feedback/replace'), ({ request }) => answerFeedbackRequest(request, REPLACE, deps)),
    http.post(url('/feedback/purge'), ({ request }) => answerFeedbackRequest(request, PURGE, deps)),
    http.post(url('/feedback/query'), ({ request }) => answerFeedbackRequest(request, QUERY, deps)),
    http.post(url('/feedback/payload_schema'), ({ request }) => answerFeedbackRequest(request, PAYLOAD_SCHEMA, deps)),
    http.get(url('/healthz'), ({ request }) => answerHealth(request, () => ({ status: 'ok' }))),
    http.get(url('/readyz'), ({ request }) =>
      answerHealth(request, () => {
        assertAvailable();
        return { status: 'ready' };
      }),
    ),
    // Anything else under /feedback: the server authenticates first, then answers 404.
    http.all(url('/feedback'), ({ request }) => answerFeedbackRequest(request, null, deps)),
    http.all(url('/feedback/*'), ({ request }) => answerFeedbackRequest(request, null, deps)),
  ];

  return {
    handlers,
    baseUrl: opts.baseUrl,
    rows: () => [...store.all()].map(toPublicRow),
    seed(rows) {
      for (const row of parseSeedRows(rows, 'seed(rows)')) store.insert(row);
    },
    reset,
    setAvailable(value) {
      available = value;
    },
  };
}

/** Just the handlers of a new fake: `setupServer(...feedbackHandlers({ now: ... }))`. */
export function feedbackHandlers(options: FeedbackFakeOptions = {}): HttpHandler[] {
  return createFeedbackFake(options).handlers;
}
