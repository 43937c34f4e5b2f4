export { assembleStatsResponse, emptyValue, type ComputedAggregates, type ComputedStats } from './assemble.js';
export { checkStatsRequest, type CheckedStatsRequest } from './check-request.js';
export { triggerRefFilter, triggerRefMatches, type TriggerRefFilter } from './trigger-ref.js';
export { feedbackTypeFilter } from './feedback-type-filter.js';
export { countTopValues, rankTopValues, wantsTopValues, withTopValues, type ComputedTopValues } from './top-values.js';
