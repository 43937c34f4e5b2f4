export { MAX_VALIDATION_DETAIL, pathSegments, toValidationDetail, type SchemaFailure } from './validation-detail.js';
