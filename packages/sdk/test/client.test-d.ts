// Compile-time guarantees of the public API. Nothing here runs: `vitest --typecheck` and
// `tsc -p tsconfig.json` check it, and each @ts-expect-error fails the build if its line compiles.
import { describe, expectTypeOf, it } from 'vitest';
import { FeedbackApiError, createFeedbackClient } from '../src/index.js';
import type {
  FeedbackAggregateReq,
  FeedbackAggregateRes,
  FeedbackApiErrorKind,
  FeedbackClient,
  FeedbackCreateReq,
  FeedbackCreateRes,
  FeedbackStatsReq,
  FeedbackStatsRes,
  HealthRes,
  ValidationError,
} from '../src/index.js';

declare const client: FeedbackClient;

describe('method signatures', () => {
  it('createFeedbackClient returns a FeedbackClient', () => {
    expectTypeOf(createFeedbackClient).returns.toEqualTypeOf<FeedbackClient>();
    expectTypeOf(createFeedbackClient).parameter(0).toHaveProperty('apiKey').toEqualTypeOf<string>();
  });

  it('bodies are exactly the generated request types', () => {
    expectTypeOf(client.create).parameter(0).toEqualTypeOf<FeedbackCreateReq>();
    expectTypeOf(client.stats).parameter(0).toEqualTypeOf<FeedbackStatsReq>();
    expectTypeOf(client.aggregate).parameter(0).toEqualTypeOf<FeedbackAggregateReq>();
  });

  it('helpers resolve to the typed response data', () => {
    expectTypeOf(client.create).returns.resolves.toEqualTypeOf<FeedbackCreateRes>();
    expectTypeOf(client.stats).returns.resolves.toEqualTypeOf<FeedbackStatsRes>();
    expectTypeOf(client.aggregate).returns.resolves.toEqualTypeOf<FeedbackAggregateRes>();
    expectTypeOf(client.healthz).returns.resolves.toEqualTypeOf<HealthRes>();
    expectTypeOf(client.readyz).returns.resolves.toEqualTypeOf<HealthRes>();
  });

  it('raw keeps openapi-fetch’s { data, error, response } shape', async () => {
    const result = await client.raw.POST('/feedback/stats', {
      body: { project_id: 'acme/bot', start: '2024-03-09T00:00:00Z' },
    });
    expectTypeOf(result.response).toEqualTypeOf<Response>();
    if (result.error === undefined) {
      // openapi-fetch maps the type through Readable<>, which flattens the bucket intersection:
      // equal in content, so check assignability both ways.
      expectTypeOf(result.data).toExtend<FeedbackStatsRes>();
      expectTypeOf<FeedbackStatsRes>().toExtend<typeof result.data>();
    }
  });
});

describe('bodies that must not compile', () => {
  it('rejects a misspelled field', () => {
    void client.create({
      // @ts-expect-error misspelled: the field is project_id
      projectid: 'acme/bot',
      weave_ref: 'weave:///acme/bot/call/1',
      feedback_type: 'custom',
      payload: {},
    });
    void client.stats({
      project_id: 'acme/bot',
      start: '2024-03-09T00:00:00Z',
      // @ts-expect-error misspelled: the field is granularity
      granulararity: 3600,
    });
  });

  it('rejects a wrong enum value', () => {
    void client.create({
      project_id: 'acme/bot',
      weave_ref: 'weave:///acme/bot/call/1',
      feedback_type: 'custom',
      payload: {},
      // @ts-expect-error not a SpanStatusCode (UNSET | OK | ERROR)
      span_status_code: 'WARN',
    });
    void client.stats({
      project_id: 'acme/bot',
      start: '2024-03-09T00:00:00Z',
      // @ts-expect-error not a value_type (numeric | boolean | categorical)
      metrics: [{ json_path: 'output.score', value_type: 'number' }],
    });
    void client.aggregate({
      project_id: 'acme/bot',
      after_ms: 0,
      before_ms: 1,
      // @ts-expect-error not a group_by dimension
      group_by: ['user_id'],
    });
  });

  it('rejects a missing required field and a wrongly typed one', () => {
    // @ts-expect-error before_ms is required
    void client.aggregate({ project_id: 'acme/bot', after_ms: 0 });
    // @ts-expect-error after_ms is a number of milliseconds, not a date string
    void client.aggregate({ project_id: 'acme/bot', after_ms: '2024-03-09', before_ms: 1 });
  });
});

describe('FeedbackApiError', () => {
  it('carries typed fields', () => {
    const error = new FeedbackApiError({ kind: 'network', message: 'x', status: 0 });
    expectTypeOf(error).toExtend<Error>();
    expectTypeOf(error.kind).toEqualTypeOf<FeedbackApiErrorKind>();
    expectTypeOf<FeedbackApiErrorKind>().toEqualTypeOf<'http' | 'network' | 'timeout'>();
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.reason).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.errorType).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.detail).toEqualTypeOf<ValidationError[] | undefined>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.body).toEqualTypeOf<unknown>();
    expectTypeOf(error.retryable).toEqualTypeOf<boolean>();
  });

  it('rejects an unknown kind', () => {
    // @ts-expect-error kind is http | network | timeout
    void new FeedbackApiError({ kind: 'offline', message: 'x', status: 0 });
  });
});
