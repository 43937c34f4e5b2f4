// Named aliases over the generated types: hand-written code imports these, never the
// generated module's deep paths, so a regeneration that renames nothing changes nothing here.
import type { components, operations, paths } from './generated/openapi.gen.js';

export type { components, operations, paths };

type Schemas = components['schemas'];
export type FeedbackCreateReq = Schemas['FeedbackCreateReq'];
export type FeedbackCreateRes = Schemas['FeedbackCreateRes'];
export type FeedbackCreateBatchReq = Schemas['FeedbackCreateBatchReq'];
export type FeedbackCreateBatchItem = Schemas['FeedbackCreateBatchItem'];
export type FeedbackCreateBatchRes = Schemas['FeedbackCreateBatchRes'];
export type FeedbackCreateBatchItemError = Schemas['FeedbackCreateBatchItemError'];
export type FeedbackStatsReq = Schemas['FeedbackStatsReq'];
export type FeedbackStatsRes = Schemas['FeedbackStatsRes'];
export type FeedbackStatsBucket = Schemas['FeedbackStatsBucket'];
export type FeedbackMetricSpec = Schemas['FeedbackMetricSpec'];
export type AggregationType = Schemas['AggregationType'];
export type StatsValue = Schemas['StatsValue'];
export type StatsTopValues = Schemas['StatsTopValues'];
export type StatsValueCounts = Schemas['StatsValueCounts'];
export type FeedbackAggregateReq = Schemas['FeedbackAggregateReq'];
export type FeedbackAggregateRes = Schemas['FeedbackAggregateRes'];
export type FeedbackAggregateBucket = Schemas['FeedbackAggregateBucket'];
export type FeedbackPayloadSchemaReq = Schemas['FeedbackPayloadSchemaReq'];
export type FeedbackPayloadSchemaRes = Schemas['FeedbackPayloadSchemaRes'];
export type FeedbackPayloadPath = Schemas['FeedbackPayloadPath'];
export type FeedbackQueryReq = Schemas['FeedbackQueryReq'];
export type FeedbackQueryRes = Schemas['FeedbackQueryRes'];
export type FeedbackQueryRow = Schemas['FeedbackQueryRow'];
export type FeedbackQuerySortBy = Schemas['FeedbackQuerySortBy'];
export type Query = Schemas['Query'];
export type SpanStatusCode = Schemas['SpanStatusCode'];
export type HTTPValidationError = Schemas['HTTPValidationError'];
export type ValidationError = Schemas['ValidationError'];
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorType = ErrorResponse['error_type'];
export type HealthRes = Schemas['HealthRes'];
export type FeedbackReplaceReq = Schemas['FeedbackReplaceReq'];
export type FeedbackReplaceRes = Schemas['FeedbackReplaceRes'];
export type FeedbackPurgeReq = Schemas['FeedbackPurgeReq'];
export type FeedbackPurgeRes = Schemas['FeedbackPurgeRes'];
export type FeedbackPurgeWhere = Schemas['FeedbackPurgeWhere'];
export type FeedbackPurgeQuery = Schemas['FeedbackPurgeQuery'];
export type GroupByDimension = NonNullable<FeedbackAggregateReq['group_by']>[number];
export type SpanType = NonNullable<FeedbackAggregateReq['span_types']>[number];
export type ValueType = NonNullable<FeedbackMetricSpec['value_type']>;
