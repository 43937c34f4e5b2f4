// The request rules of the feedback API, shared by the reference server and the fakes.
export {
  MAX_AGGREGATE_BUCKETS,
  MAX_FILTERED_RANGE_MS,
  checkAggregateRequest,
  feedbackTypeMatches,
  type CheckedAggregateRequest,
} from './aggregate.js';
export { assembleAggregateResponse, type AggregateGroupCounts } from './aggregate-response.js';
export {
  AGENT_MONITOR_TYPE,
  AGENT_USER_FEEDBACK_TYPE,
  ANNOTATION_PREFIX,
  RUNNABLE_PREFIX,
  type FeedbackRefs,
} from './create-family.js';
export {
  MAX_CLIENT_ID_CHARS,
  MAX_NOTE_CHARS,
  MAX_PAYLOAD_BYTES,
  NOTE_TYPE,
  REACTION_TYPE,
  assembleCreateResponse,
  checkCreateRequest,
  checkCreateRetry,
  sameFeedbackContent,
  type PreparedFeedback,
} from './create.js';
export {
  BATCH_BODY_LIMIT_BYTES,
  MAX_BATCH_ITEMS,
  assembleCreateBatchResponse,
  checkCreateBatchRequest,
  type BatchCaller,
  type BatchSlot,
  type BatchWrite,
  type BatchWriteOutcome,
  type CheckedCreateBatch,
  type StoredBatchRow,
} from './create-batch.js';
export {
  MAX_TOP_VALUES,
  metricOutputKeys,
  metricOverflowError,
  metricSlug,
  percentileLabel,
  resolveMetrics,
  type ResolvedMetric,
  type ResolvedPercentile,
} from './metrics.js';
export {
  ALL_PROJECTS,
  PROJECT_ID_PATTERN,
  assertProjectId,
  isValidProjectId,
  isValidProjectPattern,
  projectPatternMatches,
} from './project.js';
export { describeReaction, type ReactionAliases } from './reaction.js';
export {
  feedbackTypePrefix,
  idPatternMatches,
  objectIdOf,
  parseWeaveRef,
  refSegment,
  spanTypeOf,
  splitIdPatterns,
  type WeaveRef,
} from './refs.js';
export { deriveKeys, type DerivedKeys } from './derived-keys.js';
