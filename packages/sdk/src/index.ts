// Public surface of @feedback/sdk: the client factory, its one error type, and every API type,
// so users need a single import.
export { createFeedbackClient } from './feedback-client.js';
export type { CallOptions, FeedbackClient, FeedbackRawClient } from './feedback-client.js';
export { clientDefaults } from './client-options.js';
export type { FeedbackClientOptions } from './client-options.js';
export { FeedbackApiError } from './feedback-api-error.js';
export type { FeedbackApiErrorInit, FeedbackApiErrorKind } from './feedback-api-error.js';
export type * from '@feedback/api-types';
