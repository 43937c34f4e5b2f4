// @feedback/mocks: MSW handlers that behave like the feedback API server, in memory.
export { createFeedbackFake, feedbackHandlers, type FeedbackFake } from './feedback-fake.js';
export {
  DEFAULT_API_KEY,
  DEFAULT_BASE_URL,
  type FeedbackFakeApiKey,
  type FeedbackFakeOptions,
  type FeedbackSeedRow,
} from './fake-options.js';
export type { FeedbackFakeRow } from './store/stored-feedback.js';
