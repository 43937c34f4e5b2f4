export { assembleStatsResponse, emptyValue, type ComputedAggregates, type StatsResponseInput } from './assemble.js';
export { triggerRefFilter, triggerRefMatches, type TriggerRefFilter } from './trigger-ref.js';
export { feedbackTypeFilter } from './feedback-type-filter.js';
