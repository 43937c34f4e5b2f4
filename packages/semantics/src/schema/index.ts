export { pathSegments, toValidationDetail, type SchemaFailure } from './validation-detail.js';
